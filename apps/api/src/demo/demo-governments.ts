import type { GovernmentLevel } from '@forum/contracts';

/** The forum's participants: all 14 federal, provincial and territorial governments, three cities and FCM. */
export const DEMO_GOVERNMENTS: { code: string; nameEn: string; nameFr: string; nameFrWithArticle?: string; level: GovernmentLevel; timeZone: string }[] = [
  { code: 'CA', nameEn: 'Government of Canada', nameFr: 'Gouvernement du Canada', level: 'federal', timeZone: 'America/Toronto' },
  { code: 'ON', nameEn: 'Government of Ontario', nameFr: "Gouvernement de l'Ontario", level: 'provincial', timeZone: 'America/Toronto' },
  { code: 'QC', nameEn: 'Government of Quebec', nameFr: 'Gouvernement du Québec', level: 'provincial', timeZone: 'America/Toronto' },
  { code: 'NS', nameEn: 'Government of Nova Scotia', nameFr: 'Gouvernement de la Nouvelle-Écosse', level: 'provincial', timeZone: 'America/Halifax' },
  { code: 'NB', nameEn: 'Government of New Brunswick', nameFr: 'Gouvernement du Nouveau-Brunswick', level: 'provincial', timeZone: 'America/Moncton' },
  { code: 'MB', nameEn: 'Government of Manitoba', nameFr: 'Gouvernement du Manitoba', level: 'provincial', timeZone: 'America/Winnipeg' },
  {
    code: 'BC',
    nameEn: 'Government of British Columbia',
    nameFr: 'Gouvernement de la Colombie-Britannique',
    level: 'provincial',
    timeZone: 'America/Vancouver',
  },
  {
    code: 'PE',
    nameEn: 'Government of Prince Edward Island',
    nameFr: "Gouvernement de l'Île-du-Prince-Édouard",
    level: 'provincial',
    timeZone: 'America/Halifax',
  },
  { code: 'SK', nameEn: 'Government of Saskatchewan', nameFr: 'Gouvernement de la Saskatchewan', level: 'provincial', timeZone: 'America/Regina' },
  { code: 'AB', nameEn: 'Government of Alberta', nameFr: "Gouvernement de l'Alberta", level: 'provincial', timeZone: 'America/Edmonton' },
  {
    code: 'NL',
    nameEn: 'Government of Newfoundland and Labrador',
    nameFr: 'Gouvernement de Terre-Neuve-et-Labrador',
    level: 'provincial',
    timeZone: 'America/St_Johns',
  },
  {
    code: 'NT',
    nameEn: 'Government of the Northwest Territories',
    nameFr: 'Gouvernement des Territoires du Nord-Ouest',
    level: 'territorial',
    timeZone: 'America/Yellowknife',
  },
  { code: 'YT', nameEn: 'Government of Yukon', nameFr: 'Gouvernement du Yukon', level: 'territorial', timeZone: 'America/Whitehorse' },
  { code: 'NU', nameEn: 'Government of Nunavut', nameFr: 'Gouvernement du Nunavut', level: 'territorial', timeZone: 'America/Iqaluit' },
  { code: 'TOR', nameEn: 'City of Toronto', nameFr: 'Ville de Toronto', level: 'municipal', timeZone: 'America/Toronto' },
  { code: 'MTL', nameEn: 'City of Montréal', nameFr: 'Ville de Montréal', level: 'municipal', timeZone: 'America/Toronto' },
  { code: 'CK', nameEn: 'Municipality of Chatham-Kent', nameFr: 'Municipalité de Chatham-Kent', level: 'municipal', timeZone: 'America/Toronto' },
  {
    code: 'FCM',
    nameEn: 'Federation of Canadian Municipalities',
    nameFr: 'Fédération canadienne des municipalités',
    level: 'association',
    timeZone: 'America/Toronto',
  },
];

// the French name with its article, for generated sentences (« Le gouvernement du Québec a participé… »)
for (const g of DEMO_GOVERNMENTS) {
  g.nameFrWithArticle = g.nameFr.startsWith('Gouvernement') ? `le g${g.nameFr.slice(1)}` : `la ${g.nameFr}`;
}

export const FPT_CODES = ['CA', 'ON', 'QC', 'NS', 'NB', 'MB', 'BC', 'PE', 'SK', 'AB', 'NL', 'NT', 'YT', 'NU'];

export const DEMO_PASSWORD = 'forum-demo-2026';

/** One secretariat account and one official for each government the demo scenarios need. */
export const DEMO_ACCOUNTS: { email: string; displayName: string; role: 'secretariat' | 'official'; governmentCode?: string; locale: 'en' | 'fr' }[] = [
  { email: 'secretariat@forum.demo', displayName: 'Sam Secretariat (FMRI Secretariat)', role: 'secretariat', locale: 'en' },
  { email: 'official.ca@forum.demo', displayName: 'Alex Martin (IRCC)', role: 'official', governmentCode: 'CA', locale: 'en' },
  { email: 'official.qc@forum.demo', displayName: 'Geneviève Roy (MIFI)', role: 'official', governmentCode: 'QC', locale: 'fr' },
  { email: 'official.on@forum.demo', displayName: 'Priya Singh (Ontario MCCSS)', role: 'official', governmentCode: 'ON', locale: 'en' },
  { email: 'official.mb@forum.demo', displayName: 'Dana Kowalski (Manitoba LMI)', role: 'official', governmentCode: 'MB', locale: 'en' },
  { email: 'official.bc@forum.demo', displayName: 'Jordan Lee (BC Ministry of Municipal Affairs)', role: 'official', governmentCode: 'BC', locale: 'en' },
  { email: 'official.tor@forum.demo', displayName: 'Morgan Brown (City of Toronto Shelter Services)', role: 'official', governmentCode: 'TOR', locale: 'en' },
  { email: 'official.mtl@forum.demo', displayName: 'Camille Tremblay (Ville de Montréal)', role: 'official', governmentCode: 'MTL', locale: 'fr' },
  { email: 'official.ck@forum.demo', displayName: 'Chris Taylor (Chatham-Kent)', role: 'official', governmentCode: 'CK', locale: 'en' },
  { email: 'official.fcm@forum.demo', displayName: 'Robin Gagnon (FCM)', role: 'official', governmentCode: 'FCM', locale: 'en' },
];
