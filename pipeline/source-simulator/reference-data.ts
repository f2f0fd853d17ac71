/**
 * The small tables the generator draws from. NDCs are 11-digit (5-4-2) codes in the shape of real
 * ones (labeler-product-package); prices are rough unit costs, so billed amounts look plausible.
 */
export interface Drug {
  name: string;
  ndc: string;
  /** Units of one typical fill and the days it lasts. */
  quantity: number;
  daysSupply: number;
  unitPrice: number;
}

export const DRUGS: readonly Drug[] = [
  { name: "Atorvastatin 20 MG Tablet", ndc: "00378395277", quantity: 30, daysSupply: 30, unitPrice: 0.18 },
  { name: "Lisinopril 10 MG Tablet", ndc: "68180051302", quantity: 30, daysSupply: 30, unitPrice: 0.09 },
  { name: "Metformin HCl 500 MG Tablet", ndc: "00093104801", quantity: 60, daysSupply: 30, unitPrice: 0.07 },
  { name: "Amlodipine Besylate 5 MG Tablet", ndc: "00093316705", quantity: 30, daysSupply: 30, unitPrice: 0.08 },
  { name: "Levothyroxine 50 MCG Tablet", ndc: "00378180301", quantity: 90, daysSupply: 90, unitPrice: 0.21 },
  { name: "Omeprazole 20 MG DR Capsule", ndc: "62175011837", quantity: 30, daysSupply: 30, unitPrice: 0.15 },
  { name: "Sertraline 50 MG Tablet", ndc: "16714061204", quantity: 30, daysSupply: 30, unitPrice: 0.12 },
  { name: "Gabapentin 300 MG Capsule", ndc: "59762502101", quantity: 90, daysSupply: 30, unitPrice: 0.11 },
  { name: "Amoxicillin 500 MG Capsule", ndc: "65862001705", quantity: 21, daysSupply: 7, unitPrice: 0.14 },
  { name: "Ventolin HFA 90 MCG Inhaler", ndc: "00173068220", quantity: 1, daysSupply: 25, unitPrice: 58.4 },
  { name: "Eliquis 5 MG Tablet", ndc: "00003089421", quantity: 60, daysSupply: 30, unitPrice: 9.65 },
  { name: "Ozempic 1 MG/DOSE Pen Injector", ndc: "00169413212", quantity: 1, daysSupply: 28, unitPrice: 935.77 },
];

/** NCPDP-style 7-digit pharmacy ids. */
export const PHARMACY_IDS: readonly string[] = [
  "0312784",
  "0548821",
  "1039264",
  "1457703",
  "2216590",
  "3350418",
  "4471126",
  "5602937",
];

export const PLAN_IDS: readonly string[] = [
  "PDP-BASIC-2026",
  "PDP-ENHANCED-2026",
  "COMM-PPO-500",
  "COMM-HMO-250",
  "MEDICAID-STD",
];

export const FIRST_NAMES: readonly string[] = [
  "Olivia",
  "Liam",
  "Emma",
  "Noah",
  "Ava",
  "James",
  "Sophia",
  "William",
  "Isabella",
  "Lucas",
  "Mia",
  "Henry",
  "Amelia",
  "Mateo",
  "Harper",
  "Elijah",
  "Evelyn",
  "Daniel",
  "Priya",
  "Wei",
];

export const LAST_NAMES: readonly string[] = [
  "Smith",
  "Johnson",
  "Williams",
  "Brown",
  "Jones",
  "Garcia",
  "Miller",
  "Davis",
  "Rodriguez",
  "Martinez",
  "Hernandez",
  "Lopez",
  "Wilson",
  "Anderson",
  "Thomas",
  "Taylor",
  "Moore",
  "Nguyen",
  "Patel",
  "Kim",
];

export const STREETS: readonly string[] = [
  "Maple",
  "Oak",
  "Cedar",
  "Elm",
  "Washington",
  "Lake",
  "Hill",
  "Park",
  "Pine",
  "Sunset",
];
export const STREET_SUFFIXES: readonly string[] = ["St", "Ave", "Rd", "Blvd", "Ln", "Dr"];

/** City, two-letter state, and the first three digits of its ZIP codes. */
export const CITIES: ReadonlyArray<{ city: string; state: string; zip3: string }> = [
  { city: "St. Louis", state: "MO", zip3: "631" },
  { city: "Columbus", state: "OH", zip3: "432" },
  { city: "Austin", state: "TX", zip3: "787" },
  { city: "Denver", state: "CO", zip3: "802" },
  { city: "Raleigh", state: "NC", zip3: "276" },
  { city: "Tampa", state: "FL", zip3: "336" },
  { city: "Phoenix", state: "AZ", zip3: "850" },
  { city: "Minneapolis", state: "MN", zip3: "554" },
];
