/** The lead text fields a signal can look in (src/scoring/lead-text.ts). */
export const leadTextFields = [
  'headline',
  'position',
  'company',
  'industry',
  'location',
  'about',
] as const;

export interface RubricSignal {
  phrase: string;
  weight: number;
  fields?: string[];
}

export interface RubricExample {
  profile: string;
  points: number;
  why?: string;
}

interface AttributeCommon {
  id: string;
  label: string;
  instructions: string;
  signals: RubricSignal[];
  exclude?: string[];
  fields?: string[];
  examples?: RubricExample[];
  minToQualify?: number;
}

export type RubricAttribute =
  | (AttributeCommon & { kind: 'positive'; max: number; bonus?: boolean })
  | (AttributeCommon & { kind: 'negative'; penalty: number; disqualifying?: boolean });

/** A lead rubric as the API takes and shows it (docs/rubrics.md). */
export interface Rubric {
  name: string;
  description?: string;
  attributes: RubricAttribute[];
}

export interface StoredVersion<R> {
  version: number;
  current: boolean;
  note: string | null;
  createdAt: string;
  rubric: R;
}

export type RubricVersion = StoredVersion<Rubric>;

export type Tier = 'qualified' | 'below_threshold' | 'unqualified' | 'disqualified' | 'unscored';

export const tierLabels: Record<Tier, string> = {
  qualified: 'Qualified',
  below_threshold: 'Below threshold',
  unqualified: 'Unqualified',
  disqualified: 'Disqualified',
  unscored: 'Unscored',
};

interface Standing {
  tier: Tier;
  score: number | null;
}

/** How many leads a rubric would move between tiers, and which (POST /rubric/preview). */
export interface RubricPreview {
  version: number | null;
  currentVersion: number | null;
  threshold: number;
  examined: number;
  changed: number;
  transitions: { from: Tier; to: Tier; count: number }[];
  leads: {
    id: string;
    fullName: string | null;
    company: string | null;
    from: Standing;
    to: Standing;
  }[];
}

export interface PostCriterion {
  id: string;
  label: string;
  kind: 'positive' | 'negative';
  points: number;
  keywords: string[];
  instructions?: string;
  examples?: string[];
}

/** What makes a post a good opener (src/posts/post-rubric.ts). */
export interface PostRubric {
  name: string;
  description?: string;
  criteria: PostCriterion[];
}

export type PostRubricVersion = StoredVersion<PostRubric>;
