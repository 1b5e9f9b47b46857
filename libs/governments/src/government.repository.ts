import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Government } from './government.entity';

@Injectable()
export class GovernmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(Government);
  }

  findById(id: string, em?: EntityManager): Promise<Government | null> {
    return this.repo(em).findOneBy({ id });
  }

  findByCode(code: string, em?: EntityManager): Promise<Government | null> {
    return this.repo(em).findOneBy({ code });
  }

  findByIds(ids: string[], em?: EntityManager): Promise<Government[]> {
    return ids.length ? this.repo(em).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  findAllInPrecedence(filter: { level?: string }, limit: number, offset: number): Promise<[Government[], number]> {
    return this.repo().findAndCount({
      where: filter.level ? { level: filter.level as Government['level'] } : {},
      order: { precedence: 'ASC', nameEn: 'ASC' },
      take: limit,
      skip: offset,
    });
  }

  insert(government: Partial<Government>, em: EntityManager): Promise<Government> {
    return this.repo(em).save(this.repo(em).create(government));
  }
}
