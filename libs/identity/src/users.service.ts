import { CommonReason, IdentityReason } from '@forum/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, conflict, EventRecorder, forbidden, invalid, isSecretariat, notFound } from '@forum/core';
import type { Page } from '@forum/contracts';
import { GovernmentRepository } from '@forum/governments';
import { PasswordHasher } from './password';
import { SessionService } from './session/session.service';
import { CreateUserDto, UpdateUserDto, UserView } from './user.dto';
import { UserRepository } from './user.repository';
import { toUserView } from './user.view';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly governments: GovernmentRepository,
    private readonly events: EventRecorder,
    private readonly sessions: SessionService,
    private readonly passwords: PasswordHasher,
  ) {}

  async list(caller: Caller, filter: { governmentId?: string; role?: string }, limit: number, offset: number): Promise<Page<UserView>> {
    if (!isSecretariat(caller)) throw forbidden('Only the secretariat manages accounts');
    const [rows, total] = await this.users.page(filter, limit, offset);
    return { items: rows.map(toUserView), total };
  }

  async get(caller: Caller, id: string): Promise<UserView> {
    if (!isSecretariat(caller) && caller.userId !== id) throw notFound('User');
    const user = await this.users.findById(id);
    if (!user) throw notFound('User');
    return toUserView(user);
  }

  async create(caller: Caller, dto: CreateUserDto): Promise<UserView> {
    if (!isSecretariat(caller)) throw forbidden('Only the secretariat manages accounts');
    return this.dataSource.transaction(async (em) => {
      const user = await this.createInTransaction(em, dto, caller.userId);
      return toUserView(user);
    });
  }

  /** Secretariat: any account; an official: their own name and language only. */
  async update(caller: Caller, id: string, dto: UpdateUserDto): Promise<UserView> {
    const own = caller.userId === id;
    if (!isSecretariat(caller) && !own) throw notFound('User');
    if (!isSecretariat(caller) && dto.active !== undefined) throw forbidden('Only the secretariat activates or deactivates accounts');
    if (own && dto.active === false) throw conflict(IdentityReason.OwnAccount, 'You cannot deactivate your own account');
    const updated = await this.dataSource.transaction(async (em) => {
      const user = await this.users.findById(id, em);
      if (!user) throw notFound('User');
      const changes = {
        ...(dto.displayName !== undefined && { displayName: dto.displayName.trim() }),
        ...(dto.locale !== undefined && { locale: dto.locale }),
        ...(dto.active !== undefined && { active: dto.active }),
      };
      await this.users.update(id, changes, em);
      await this.events.record(em, {
        actorUserId: caller.userId,
        action: dto.active === false ? 'user.deactivated' : 'user.updated',
        entityType: 'user',
        entityId: id,
        changes: { before: { displayName: user.displayName, locale: user.locale, active: user.active }, after: changes },
      });
      // Deactivation ends every session in the same transaction; the sockets follow once it committed.
      if (dto.active === false) await this.sessions.revokeAllFor(id, 'deactivated', em);
      return toUserView({ ...user, ...changes });
    });
    if (dto.active === false) await this.sessions.announceUser(id, 'deactivated');
    return updated;
  }

  /** Shared by the API, the admin bootstrap and the demo data so every account obeys the same rules. */
  async createInTransaction(em: EntityManager, dto: CreateUserDto, actorUserId: string | null) {
    if (dto.role === 'official' && !dto.governmentId) throw invalid(['governmentId is required for an official']);
    if (dto.role === 'secretariat' && dto.governmentId) {
      throw invalid(['governmentId must be empty for a secretariat account']);
    }
    if (dto.governmentId && !(await this.governments.findById(dto.governmentId, em))) {
      throw invalid(['governmentId does not name an existing government']);
    }
    const email = dto.email.trim().toLowerCase();
    if (await this.users.findByEmail(email, em)) throw conflict(CommonReason.Duplicate, `An account with email ${email} already exists`);
    const user = await this.users.insert(
      {
        email,
        displayName: dto.displayName.trim(),
        passwordHash: await this.passwords.hash(dto.password),
        role: dto.role,
        governmentId: dto.governmentId ?? null,
        locale: dto.locale ?? 'en',
      },
      em,
    );
    await this.events.record(em, {
      actorUserId,
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      changes: { email, role: dto.role, governmentId: dto.governmentId ?? null },
    });
    return user;
  }
}
