// The partnership's agencies and people beside the demo's: more schools and GP practices, and enough social workers,
// managers, chairs, officers, health visitors and screeners for the cases (about one social worker per 80 cases).
// Generated people have no password (an empty hash verifies nothing): they exist to own work, not to sign in.
// gen_pool (pool, n, user_id, agency_id) numbers each group from 1 so a row's random number picks one of them.
import { firstNames, adultNames, lastId, n, sqlList, surnames, type Step } from "./helpers";

const places = [
  "Saltmarsh", "Heron Bay", "Gullwick", "Ferncliffe", "Oldport", "Brackenridge", "Cobble Hill", "Tidewell", "Marram",
  "Westshore", "Pebblecombe", "Kittiwake",
];
const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-");

export const generatedAgencies = [
  ...places.map((place) => ({ id: `${slug(place)}-primary`, name: `${place} Primary School`, kind: "education", domain: `${slug(place)}-school.example`, pool: "school" })),
  ...places.slice(0, 6).map((place) => ({ id: `${slug(place)}-medical-practice`, name: `${place} Medical Practice`, kind: "health", domain: `${slug(place)}-medical.example`, pool: "gp" })),
];

type Staff = { agencyId: string; domain: string; role: string; title: string; pool: string; count: number };

function staffing(cases: number): Staff[] {
  const per = (casesEach: number, least: number) => Math.max(least, Math.round(cases / casesEach));
  const council = { agencyId: "sandmere-childrens-services", domain: "sandmere-council.example" };
  const police = { agencyId: "kestrel-vale-police", domain: "kestrelvale-police.example" };
  const health = { agencyId: "sandmere-community-health", domain: "sandmere-health.example" };
  return [
    { ...council, role: "practitioner", title: "Social worker", pool: "sw", count: per(80, 8) },
    { ...council, role: "manager", title: "Team manager", pool: "manager", count: per(600, 2) },
    { ...council, role: "chair", title: "Child protection chair", pool: "chair", count: per(1200, 2) },
    { ...council, role: "screener", title: "MASH social worker", pool: "screener", count: per(2500, 1) },
    { ...police, role: "practitioner", title: "Detective constable, Public Protection Unit", pool: "police", count: per(300, 3) },
    { ...police, role: "screener", title: "MASH police researcher", pool: "screener", count: per(5000, 1) },
    { ...health, role: "practitioner", title: "Health visitor", pool: "health", count: per(300, 3) },
    { ...health, role: "screener", title: "MASH health safeguarding nurse", pool: "screener", count: per(5000, 1) },
    { agencyId: "larkfield-primary", domain: "larkfield-school.example", role: "practitioner", title: "Deputy safeguarding lead", pool: "school", count: 2 },
    { agencyId: "harbour-lane-surgery", domain: "harbourlane-surgery.example", role: "practitioner", title: "GP", pool: "gp", count: 2 },
    ...generatedAgencies.map((agency) => ({
      agencyId: agency.id,
      domain: agency.domain,
      role: "practitioner",
      title: agency.pool === "school" ? "Designated safeguarding lead" : "GP, safeguarding lead",
      pool: agency.pool,
      count: 2,
    })),
  ];
}

export const generatePeople: Step = async (tx, plan) => {
  for (const agency of generatedAgencies)
    await tx`insert into agencies (id, name, kind, email_domains) values (${agency.id}, ${agency.name}, ${agency.kind}, ${[agency.domain]})`;
  const staff = staffing(plan.cases);
  const values = staff
    .map((s, i) => `(${i}, '${s.agencyId}', '${s.domain}', '${s.role}', '${s.title.replace(/'/g, "''")}', '${s.pool}', ${n(s.count)})`)
    .join(",\n      ");
  const base = await lastId(tx, "users");
  const names = sqlList([...adultNames, ...firstNames]);
  await tx.unsafe(`
    create temp table gen_staff on commit drop as
    select ${base} + row_number() over (order by s.i, g) as user_id, s.agency_id, s.domain, s.role, s.title, s.pool
      from (values ${values}) s (i, agency_id, domain, role, title, pool, count), generate_series(1, s.count) g;
    insert into users (id, agency_id, role, full_name, job_title, email, password_hash)
    overriding system value
    select user_id, agency_id, role, first || ' ' || last, title,
           lower(first || '.' || last || '.' || user_id || '@' || domain), ''
      from (select *, pg_temp.pick(${names}, pg_temp.r(user_id, 1)) as first,
                      pg_temp.pick(${sqlList(surnames)}, pg_temp.r(user_id, 2)) as last from gen_staff) s;
    create temp table gen_pool (pool text, n int, user_id bigint, agency_id text, primary key (pool, n)) on commit drop;
    insert into gen_pool
    select pool, row_number() over (partition by pool order by user_id), user_id, agency_id from gen_staff;
    create temp table gen_pool_size on commit drop as select pool, count(*)::int as size from gen_pool group by pool;
    create function pg_temp.pick_user(pool text, r float8) returns bigint language sql stable as
      $$ select p.user_id from gen_pool p where p.pool = $1 and p.n = 1 + floor($2 * (select s.size from gen_pool_size s where s.pool = $1))::int $$;
    create function pg_temp.agency_of(u bigint) returns text language sql stable as
      $$ select agency_id from users where id = $1 $$;
  `);
};
