import { type MembershipRole, Permission } from '@forum/contracts';

/**
 * How a caller stands to the thing a route acts on:
 * - `secretariat`: a secretariat account (it runs the forum; it holds what the table says, not everything);
 * - `official`: any signed-in official, whatever their government;
 * - `member` / `observer` / `co_chair`: an official of a government with that current seat at the body
 *   (a co-chair is also a `member`);
 * - `lead`: an official of the lead government of the action item addressed.
 */
export type Holder = 'secretariat' | 'official' | 'member' | 'observer' | 'co_chair' | 'lead';

export interface Grant {
  /** who holds the permission */
  holders: readonly Holder[];
  /**
   * `members` (the default): the thing is inside a body, so an official of a government that is not a current
   * member gets 404 (they may not know it exists). `directory`: the body is open to every signed-in user, so
   * they get 403 like any other caller who may see it but not do this.
   */
  visibility?: 'members' | 'directory';
}

const SIGNED_IN: Grant = { holders: ['secretariat', 'official'] };
const SECRETARIAT: Grant = { holders: ['secretariat'] };
const MEMBERS: Grant = { holders: ['secretariat', 'member', 'observer'] };

/**
 * Who holds each permission: the one table. The guard reads it for every request and the access-matrix test
 * reads it to compute what every role must get on every route. A permission missing here fails the typecheck.
 * Whether a route answers 404 or 403 to a stranger follows from whether it addresses something inside a body
 * (`@Authorize(permission, On.param(...))`): without a target only the role counts.
 */
export const PERMISSION_GRANTS: Readonly<Record<Permission, Grant>> = {
  // directory
  [Permission.GovernmentRead]: SIGNED_IN,
  [Permission.GovernmentCreate]: SECRETARIAT,
  [Permission.AccountRead]: SIGNED_IN,
  [Permission.OwnAccountRead]: SIGNED_IN,
  [Permission.OwnAccountUpdate]: SIGNED_IN,
  [Permission.UserList]: SECRETARIAT,
  // an official reads and edits their own account only; the service answers 404 for anyone else's
  [Permission.UserRead]: SIGNED_IN,
  [Permission.UserUpdate]: SIGNED_IN,
  [Permission.UserCreate]: SECRETARIAT,
  [Permission.UserInvite]: SECRETARIAT,
  [Permission.BodyRead]: SIGNED_IN,
  [Permission.BodyCreate]: SECRETARIAT,
  [Permission.BodyUpdate]: SECRETARIAT,
  [Permission.MembershipManage]: SECRETARIAT,
  [Permission.MembershipRoleChange]: SECRETARIAT,
  // the service narrows it to officials of municipalities and associations
  [Permission.JoinRequestCreate]: { holders: ['official'], visibility: 'directory' },
  [Permission.JoinRequestReadOwn]: SIGNED_IN,
  // the service narrows it: every body's for the secretariat, the co-chaired bodies' for an official, none otherwise
  [Permission.JoinRequestReadToDecide]: SIGNED_IN,
  [Permission.JoinRequestRead]: { holders: ['secretariat', 'co_chair'], visibility: 'directory' },
  [Permission.JoinRequestDecide]: { holders: ['secretariat', 'co_chair'], visibility: 'directory' },

  // meetings
  [Permission.MeetingRead]: MEMBERS,
  [Permission.MeetingCreate]: SECRETARIAT,
  [Permission.MeetingUpdate]: SECRETARIAT,
  [Permission.AgendaManage]: SECRETARIAT,
  [Permission.AttendanceRecord]: SECRETARIAT,
  [Permission.MinutesRecord]: SECRETARIAT,
  [Permission.DecisionRecord]: SECRETARIAT,
  [Permission.DecisionRefer]: SECRETARIAT,
  [Permission.CalendarFeedManage]: SIGNED_IN,
  // the record: a draft of the minutes is the secretariat's (the service answers 404 to members until it is circulated)
  [Permission.MinutesRead]: MEMBERS,
  [Permission.MinutesWrite]: SECRETARIAT,
  // member officials comment on circulated minutes; an observer reads them
  [Permission.MinutesComment]: { holders: ['secretariat', 'member', 'observer'] },
  [Permission.DecisionsRead]: MEMBERS,
  [Permission.DecisionsWrite]: SECRETARIAT,
  // the secretariat or that government's official (the service holds an official to their own government; an observer takes no position)
  [Permission.DecisionPositionsWrite]: MEMBERS,

  // action items
  [Permission.ActionItemRead]: MEMBERS,
  [Permission.ActionItemCreate]: SECRETARIAT,
  // the lead government's official changes status, progress and actual cost; the service keeps the rest the secretariat's
  [Permission.ActionItemUpdate]: { holders: ['secretariat', 'lead'] },
  [Permission.AccountabilityRead]: MEMBERS,

  // communiqués
  [Permission.CommuniqueRead]: MEMBERS,
  [Permission.CommuniqueCreate]: SECRETARIAT,
  [Permission.CommuniqueUpdate]: SECRETARIAT,
  [Permission.CommuniqueSubmit]: SECRETARIAT,
  // every non-observer member government concurs; an observer is not party to it
  [Permission.CommuniqueConcur]: { holders: ['member'] },
  [Permission.CommuniquePublish]: SECRETARIAT,
  [Permission.CommuniqueCorrect]: SECRETARIAT,
  [Permission.CommuniqueWithdraw]: SECRETARIAT,

  // notifications: always the caller's own
  [Permission.NotificationRead]: SIGNED_IN,
  [Permission.NotificationUpdate]: SIGNED_IN,

  // funding and cost recovery
  [Permission.FundingRead]: MEMBERS,
  [Permission.FundingProgramCreate]: SECRETARIAT,
  // an official claims for its own government (observers included); the service holds it to that
  [Permission.FundingClaimCreate]: MEMBERS,
  // the funding government's officials decide and pay, and it need not sit on the body: the service checks the funder
  [Permission.FundingClaimDecide]: SIGNED_IN,
  [Permission.FundingClaimPay]: SIGNED_IN,
  [Permission.FundingClaimReconcile]: MEMBERS,

  // documents: members of the body (observers included) read and add; a restricted one stays with its governments (the service)
  [Permission.DocumentRead]: MEMBERS,
  [Permission.DocumentUpload]: MEMBERS,
  [Permission.DocumentVersion]: MEMBERS,

  // shared indicators: each member government (observers included) reports its own figures
  [Permission.IndicatorRead]: MEMBERS,
  [Permission.IndicatorCreate]: SECRETARIAT,
  [Permission.IndicatorUpdate]: SECRETARIAT,
  [Permission.IndicatorReport]: MEMBERS,

  // search: what a caller finds is filtered inside the query
  [Permission.Search]: SIGNED_IN,

  // operations
  [Permission.AuditRead]: SECRETARIAT,
  [Permission.DeliveriesRead]: SECRETARIAT,
  [Permission.DeliveriesRetry]: SECRETARIAT,
  [Permission.TranslationRead]: SECRETARIAT,
  [Permission.TextPreview]: SIGNED_IN,
  [Permission.IdentityProvidersManage]: SECRETARIAT,
  [Permission.ApiTokensManage]: SECRETARIAT,
  [Permission.WebhooksManage]: SECRETARIAT,
};

/** Where the caller stands, as the guard established it. */
export type Standing =
  | { kind: 'secretariat' }
  /** an official; `inBody` is set when the route addresses something inside a body and it was found */
  | { kind: 'official'; inBody?: { seat: MembershipRole | null; lead: boolean; hiddenFromMembers: boolean } };

export type Decision = 'allow' | 'forbidden' | 'not_found';

const OFFICIAL_HOLDERS: readonly Holder[] = ['official', 'member', 'observer', 'co_chair', 'lead'];

/** The relations an official has to a body, from their government's seat there. */
export function relationsOf(seat: MembershipRole | null, lead: boolean): Set<Holder> {
  const relations = new Set<Holder>(['official']);
  if (seat === 'member' || seat === 'co_chair') relations.add('member');
  if (seat === 'co_chair') relations.add('co_chair');
  if (seat === 'observer') relations.add('observer');
  if (lead && seat) relations.add('lead');
  return relations;
}

/** Whether an official could hold this permission somewhere (used when the route's target is not known yet). */
export const officialsMayHold = (grant: Grant): boolean => grant.holders.some((h) => OFFICIAL_HOLDERS.includes(h));

/** The one rule, deny by default: what the caller gets for this permission from where they stand. */
export function decide(permission: Permission, standing: Standing): Decision {
  const grant = PERMISSION_GRANTS[permission] as Grant | undefined;
  if (!grant) return 'forbidden';
  switch (standing.kind) {
    case 'secretariat':
      return grant.holders.includes('secretariat') ? 'allow' : 'forbidden';
    case 'official': {
      const inBody = standing.inBody;
      if (!inBody) return officialsMayHold(grant) ? 'allow' : 'forbidden';
      if ((grant.visibility ?? 'members') === 'members' && (!inBody.seat || inBody.hiddenFromMembers)) return 'not_found';
      const relations = relationsOf(inBody.seat, inBody.lead);
      return grant.holders.some((h) => relations.has(h)) ? 'allow' : 'forbidden';
    }
    default:
      return 'forbidden';
  }
}
