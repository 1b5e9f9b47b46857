import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { bilingual, Caller, EventRecorder, forbidden, invalid, isSecretariat, notFound, writeBilingual } from '@forum/core';
import type { Locale, Page } from '@forum/contracts';
import { Body } from './body.entity';
import { BodyRepository, MembershipRepository } from './body.repository';
import { CreateBodyDto, UpdateBodyDto } from './body.dto';
import { BodyView, toBodyView } from './body.view';

@Injectable()
export class BodiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bodies: BodyRepository,
    private readonly memberships: MembershipRepository,
    private readonly events: EventRecorder,
  ) {}

  async list(
    filter: { kind?: string; parentId?: string; q?: string; memberGovernmentId?: string },
    limit: number,
    offset: number,
    reader: Locale = 'en',
  ): Promise<Page<BodyView>> {
    const [rows, total] = await this.bodies.page(filter, limit, offset);
    const counts = await this.memberships.countActive(rows.map((b) => b.id));
    return { items: rows.map((b) => toBodyView(b, counts.get(b.id) ?? 0, reader)), total };
  }

  async get(id: string, reader: Locale = 'en'): Promise<BodyView> {
    const body = await this.bodies.findById(id);
    if (!body) throw notFound('Body');
    const counts = await this.memberships.countActive([id]);
    return toBodyView(body, counts.get(id) ?? 0, reader);
  }

  async create(caller: Caller, dto: CreateBodyDto): Promise<BodyView> {
    if (!isSecretariat(caller)) throw forbidden('Only the secretariat creates bodies');
    this.checkDates(dto.permanent, dto.startsOn ?? null, dto.endsOn ?? null);
    if (dto.kind === 'subgroup' && !dto.parentId) throw invalid(['parentId is required for a subgroup']);
    return this.dataSource.transaction(async (em) => {
      if (dto.parentId && !(await this.bodies.findById(dto.parentId, em))) {
        throw invalid(['parentId does not name an existing body']);
      }
      const texts = { name: bilingual(null, null), mandate: bilingual(null, null), sourceLang: caller.locale } as Pick<Body, 'name' | 'mandate' | 'sourceLang'>;
      writeBilingual(texts, dto, ['name', 'mandate'], caller.locale, { create: true, required: ['name'] });
      const body = await this.bodies.insert(
        {
          ...texts,
          kind: dto.kind,
          parentId: dto.parentId ?? null,
          permanent: dto.permanent,
          startsOn: dto.startsOn ?? null,
          endsOn: dto.endsOn ?? null,
          quorumPercent: dto.quorumPercent ?? 50,
        },
        em,
      );
      await this.events.record(em, { actorUserId: caller.userId, action: 'body.created', entityType: 'body', entityId: body.id, changes: { ...dto } });
      return toBodyView(body, 0, caller.locale);
    });
  }

  async update(caller: Caller, id: string, dto: UpdateBodyDto): Promise<BodyView> {
    if (!isSecretariat(caller)) throw forbidden('Only the secretariat changes bodies');
    return this.dataSource.transaction(async (em) => {
      const body = await em.getRepository(Body).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!body) throw notFound('Body');
      if (dto.parentId !== undefined && dto.parentId !== null) {
        if (!(await this.bodies.findById(dto.parentId, em))) throw invalid(['parentId does not name an existing body']);
        if ((await this.bodies.ancestorsOf(dto.parentId, em)).includes(id)) {
          throw invalid(['parentId would make the body its own ancestor']);
        }
      }
      writeBilingual(body, dto, ['name', 'mandate'], caller.locale);
      if (!body.name.en && !body.name.fr) throw invalid(['name must not be empty']);
      const next: Body = Object.assign(body, {
        ...(dto.parentId !== undefined && { parentId: dto.parentId }),
        ...(dto.permanent !== undefined && { permanent: dto.permanent }),
        ...(dto.endsOn !== undefined && { endsOn: dto.endsOn }),
        ...(dto.quorumPercent !== undefined && { quorumPercent: dto.quorumPercent }),
      });
      if (next.kind === 'subgroup' && !next.parentId) throw invalid(['parentId is required for a subgroup']);
      this.checkDates(next.permanent, next.startsOn, next.endsOn);
      const saved = await this.bodies.save(next, em);
      await this.events.record(em, { actorUserId: caller.userId, action: 'body.updated', entityType: 'body', entityId: id, changes: { ...dto } });
      const counts = await this.memberships.countActive([id], em);
      return toBodyView(saved, counts.get(id) ?? 0, caller.locale);
    });
  }

  private checkDates(permanent: boolean, startsOn: string | null, endsOn: string | null): void {
    if (permanent && endsOn) throw invalid(['endsOn is only for ad hoc bodies (permanent: false)']);
    if (!permanent && !endsOn) throw invalid(['endsOn is required for an ad hoc body (permanent: false): it closes on that date']);
    if (startsOn && endsOn && endsOn < startsOn) throw invalid(['endsOn must not be before startsOn']);
  }
}
