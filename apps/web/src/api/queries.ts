import { api, Page } from './api-client';
import type { ActionItem, Body, CommuniqueSummary, Government, Meeting, Membership } from './types';

/** Named reads shared by several pages. Lists ask for the API's largest page: the forum has tens of bodies, not thousands. */
export const listGovernments = () => api<Page<Government>>('GET', '/governments?limit=100').then((p) => p.items);
export const listBodies = () => api<Page<Body>>('GET', '/bodies?limit=100').then((p) => p.items);
export const listMembers = (bodyId: string, includeEnded = false) =>
  api<Page<Membership>>('GET', `/bodies/${bodyId}/members${includeEnded ? '?includeEnded=true' : ''}`).then((p) => p.items);
export const listMeetings = () => api<Page<Meeting>>('GET', '/meetings?limit=100').then((p) => p.items);
export const listActionItems = () => api<Page<ActionItem>>('GET', '/action-items?limit=100').then((p) => p.items);
export const listCommuniques = () => api<Page<CommuniqueSummary>>('GET', '/communiques?limit=100').then((p) => p.items);

/** The bodies the caller's government sits on (the directory itself is open to all). */
export async function myBodies(governmentId: string | null): Promise<Body[]> {
  if (!governmentId) return listBodies();
  return api<Page<Body>>('GET', `/bodies?limit=100&governmentId=${governmentId}`).then((p) => p.items);
}

type ListParams = Record<string, string | number | boolean | null | undefined>;
const queryOf = (params: ListParams) =>
  Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');

/** One page of a list, filtered, sorted and paged by the API. */
export const pageOf = <T>(path: string, params: ListParams = {}) => api<Page<T>>('GET', `${path}?${queryOf(params)}`);
/** How many a list holds, as the API counts them (never the length of one page). */
export const totalOf = (path: string, params: ListParams = {}) => pageOf(path, { ...params, limit: 1, offset: 0 }).then((p) => p.total);
