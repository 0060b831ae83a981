/**
 * Card-holder names the simulator draws from: a first name and a last name
 * from these lists (80 × 100 = 8,000 names), ASCII only so the NDJSON
 * encoder can write bytes directly. With a million users each name is held
 * by about 125 of them, as common names are in a real population: a
 * detector must look at how a name is used, not just at how often it shows.
 */
export const FIRST_NAMES: readonly string[] = [
  'James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth',
  'David', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen',
  'Daniel', 'Nancy', 'Matthew', 'Lisa', 'Anthony', 'Betty', 'Mark', 'Sandra', 'Paul', 'Ashley',
  'Steven', 'Emily', 'Andrew', 'Donna', 'Joshua', 'Michelle', 'Kevin', 'Carol', 'Brian', 'Amanda',
  'Lukas', 'Anna', 'Felix', 'Lea', 'Jonas', 'Hannah', 'Leon', 'Mia', 'Noah', 'Emma',
  'Louis', 'Camille', 'Hugo', 'Chloe', 'Arthur', 'Ines', 'Lucas', 'Sofia', 'Marco', 'Giulia',
  'Javier', 'Lucia', 'Pablo', 'Elena', 'Sven', 'Ingrid', 'Lars', 'Astrid', 'Piotr', 'Zofia',
  'Hiroshi', 'Yuki', 'Kenji', 'Sakura', 'Arjun', 'Priya', 'Rahul', 'Ananya', 'Joao', 'Ana',
]

export const LAST_NAMES: readonly string[] = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Mueller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
  'Bernard', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Lefebvre', 'Leroy', 'Rossi', 'Russo',
  'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Fernandez', 'Gomez', 'Diaz', 'Moreno', 'Jimenez', 'Ruiz',
  'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Larsen', 'Hansen', 'Nowak', 'Kowalski', 'Wisniewski', 'Novak',
  'Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Kumar', 'Sharma', 'Patel', 'Singh', 'Gupta',
  'Silva', 'Santos', 'Oliveira', 'Souza', 'Costa', 'Kim', 'Park', 'Chen', 'Wang', 'Murphy',
]

/** How many distinct names there are; a name index is `first * LAST_NAMES.length + last`. */
export const NAME_COUNT = FIRST_NAMES.length * LAST_NAMES.length

/** Every name, built once (8,000 short strings), so events share them. */
const NAMES: readonly string[] = Array.from({ length: NAME_COUNT }, (_, h) => `${FIRST_NAMES[Math.floor(h / LAST_NAMES.length)]!} ${LAST_NAMES[h % LAST_NAMES.length]!}`)

/** The name with index `h` (0 ≤ h < NAME_COUNT). */
export function holderName(h: number): string {
  return NAMES[h]!
}
