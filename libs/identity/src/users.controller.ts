import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { Authorize, Caller, CurrentCaller, IdParam, PageQuery } from '@forum/core';
import { Permission, USER_ROLES, type UserView } from '@forum/contracts';
import { AuthService } from './auth.service';
import { CreateUserDto, UpdateOwnAccountDto, UpdateUserDto } from './user.dto';
import { UsersService } from './users.service';

class UserListQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  governmentId?: string;

  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: string;
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
  ) {}

  /** One's own name, language and zone (declared before :id so "me" is not read as an id). */
  @Patch('me')
  @Authorize(Permission.OwnAccountUpdate)
  updateMe(@CurrentCaller() caller: Caller, @Body() dto: UpdateOwnAccountDto): Promise<UserView> {
    return this.auth.updateMe(caller, dto);
  }

  @Get('me')
  @Authorize(Permission.OwnAccountRead)
  getMe(@CurrentCaller() caller: Caller): Promise<UserView> {
    return this.auth.me(caller.userId);
  }

  @Authorize(Permission.UserList)
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: UserListQuery) {
    return this.users.list(caller, { governmentId: query.governmentId, role: query.role }, query.limit, query.offset);
  }

  @Authorize(Permission.UserRead)
  @Get(':id')
  get(@CurrentCaller() caller: Caller, @IdParam() id: string) {
    return this.users.get(caller, id);
  }

  @Authorize(Permission.UserUpdate)
  @Patch(':id')
  update(@CurrentCaller() caller: Caller, @IdParam() id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(caller, id, dto);
  }

  @Authorize(Permission.UserCreate)
  @Post()
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateUserDto) {
    return this.users.create(caller, dto);
  }
}
