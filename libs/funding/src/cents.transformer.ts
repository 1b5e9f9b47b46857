/** Postgres hands bigint back as a string; cents stay exact integers well past 2^31 ($324M is 3.24e10 cents). */
export const centsTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? null : Number(value)),
};
