import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(User);
  }

  findById(id: string, em?: EntityManager): Promise<User | null> {
    return this.repo(em).findOneBy({ id });
  }

  findByEmail(email: string, em?: EntityManager): Promise<User | null> {
    return this.repo(em).findOneBy({ email: email.trim().toLowerCase() });
  }

  findByIds(ids: string[], em?: EntityManager): Promise<User[]> {
    return ids.length ? this.repo(em).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  findActiveOfficialsOf(governmentIds: string[]): Promise<User[]> {
    if (!governmentIds.length) return Promise.resolve([]);
    return this.repo().findBy({ governmentId: In(governmentIds), role: 'official', active: true });
  }

  /** the active secretariat accounts, who are told of what concerns the whole forum */
  activeSecretariat(em?: EntityManager): Promise<User[]> {
    return this.repo(em).findBy({ role: 'secretariat', active: true });
  }

  async page(filter: { governmentId?: string; role?: string }, limit: number, offset: number): Promise<[User[], number]> {
    const where: Record<string, string> = {};
    if (filter.governmentId) where.governmentId = filter.governmentId;
    if (filter.role) where.role = filter.role;
    return this.repo().findAndCount({ where, order: { displayName: 'ASC', id: 'ASC' }, take: limit, skip: offset });
  }

  insert(user: Partial<User>, em: EntityManager): Promise<User> {
    return this.repo(em).save(this.repo(em).create(user));
  }

  async update(id: string, changes: Partial<User>, em: EntityManager): Promise<void> {
    await this.repo(em).update({ id }, changes);
  }
}
