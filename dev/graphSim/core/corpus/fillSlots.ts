import type { Random } from '../random';

/**
 * Values for the `{slot}`s of the workplace texts: the tokens that make real messages differ from
 * one another (people, dates, times, amounts, tickets, links, files, companies, places).
 */
const firstNames = 'James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Lisa Matthew Nancy Anthony Betty Mark Sandra Donald Ashley Steven Kimberly Andrew Emily Paul Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Melissa George Deborah Timothy Stephanie Ronald Rebecca Jason Sharon Edward Laura Jeffrey Cynthia Ryan Amy Gary Kathleen Nicholas Angela Eric Emma Stephen Brenda Justin Nicole Scott Anna Benjamin Samantha Samuel Katherine Gregory Rachel Patrick Frank Maria Raymond Olivia Jack Heather Tyler Catherine Aaron Diane Adam Victoria Nathan Lauren Henry Kelly Peter Ruth Noah Hannah Ethan Andrea Keith Megan Sean Teresa Carl Sophia Dylan Martha Jordan Julia Bruce Grace Alan Alice Juan Jean Albert Natalie Vincent Diana Liam Theresa Lucas Priya Arjun Wei Mei Hiroshi Yuki Sven Ingrid Lars Astrid Mateo Lucía Omar Fatima Kwame Amara Dmitri Olga Pierre Camille Giulia Marco Anja Jan'.split(' ');
const lastNames = 'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Fisher Vasquez Simmons Romero Jordan Patterson Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Stevens Murray Ford Castro Marshall Owens Harrison Fernandez Woods Kennedy Wells Vargas Chen Freeman Webb Tucker Burns Crawford Olson Simpson Porter Hunter Gordon Silva Shaw Snyder Mason Dixon Hunt Holmes Palmer Wagner Black Robertson Boyd Rose Stone Fox Warren Mills Meyer Rice Schmidt Daniels Ferguson Nichols Stephens Weaver Ryan Gardner Payne Grant Dunn Spencer Hawkins Arnold Pierce Hansen Peters Santos Hart Knight Elliott Duncan Armstrong Hudson Lane Riley Andrews Berry Perkins Hoffman Johnston Matthews Richards Willis Carpenter Lawrence Nakamura Tanaka Sato Müller Schneider Fischer Dubois Moreau Rossi Russo Kowalski Nowak Novák Johansson Nilsson Haugen Larsen Okafor Mensah Singh Sharma Iyer Wang Zhang Liu'.split(' ');
const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const cities = ['Oslo', 'Zurich', 'Seattle', 'Dublin', 'Munich', 'Singapore', 'Toronto', 'São Paulo', 'Tokyo', 'Sydney', 'Madrid', 'Lyon', 'Austin', 'Chicago', 'Bangalore', 'Warsaw', 'Nairobi', 'Helsinki', 'Milan', 'Boston', 'Denver', 'Vancouver', 'Prague', 'Lisbon', 'Copenhagen'];
const companies = ['Fabrikam', 'Northwind Traders', 'Tailspin Toys', 'Adventure Works', 'Woodgrove Bank', 'Litware', 'Proseware', 'Fourth Coffee', 'Wide World Importers', 'Alpine Ski House', 'Coho Winery', 'Trey Research', 'Lucerne Publishing', 'Blue Yonder Airlines', 'Humongous Insurance', 'Wingtip Toys', 'A. Datum', 'Relecloud', 'VanArsdel', 'Consolidated Messenger'];
const fileWords = ['forecast', 'budget', 'contract', 'minutes', 'roadmap', 'proposal', 'invoice', 'report', 'schedule', 'review', 'plan', 'summary', 'export', 'quote'];
const urlSafe = 'abcdefghijklmnopqrstuvwxyz0123456789';

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

function slotValue(random: Random, slot: string): string | undefined {
  switch (slot) {
    case 'first':
      return random.pick(firstNames);
    case 'full':
      return `${random.pick(firstNames)} ${random.pick(lastNames)}`;
    case 'weekday':
      return random.pick(weekdays);
    case 'month':
      return random.pick(months);
    case 'date':
      return `${random.pick(months)} ${random.between(1, 28)}`;
    case 'ordinal':
      return ordinal(random.between(1, 28));
    case 'time':
      return `${random.between(7, 18)}:${random.pick(['00', '15', '30', '45'])}`;
    case 'amount':
      return `$${random.between(1, 250)},${String(random.between(0, 999)).padStart(3, '0')}`;
    case 'percent':
      return `${random.between(2, 95)}%`;
    case 'number':
      return String(random.between(120, 9000));
    case 'ticket':
      return `${random.pick(['INC', 'CHG', 'REQ', 'BUG'])}-${random.between(10_000, 999_999)}`;
    case 'invoice':
      return `#${random.between(1000, 99_999)}`;
    case 'version':
      return `${random.between(1, 9)}.${random.between(0, 30)}.${random.between(0, 400)}`;
    case 'link':
      return `https://contoso.sharepoint.com/sites/${random.chars(random.between(4, 10), urlSafe)}/Shared%20Documents/${random.chars(random.between(6, 16), urlSafe)}`;
    case 'file':
      return `${random.pick(fileWords)}-${random.pick(months).slice(0, 3).toLowerCase()}-v${random.between(2, 14)}.${random.pick(['docx', 'xlsx', 'pdf', 'pptx'])}`;
    case 'company':
      return random.pick(companies);
    case 'city':
      return random.pick(cities);
    default:
      return undefined;
  }
}

/** Fills every `{slot}` of `text` with a fresh value; an unknown slot is left as it is. */
export function fillSlots(random: Random, text: string): string {
  return text.replace(/\{([a-z]+)\}/g, (whole, slot: string) => slotValue(random, slot) ?? whole);
}
