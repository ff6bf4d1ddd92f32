import type { SandboxEdition } from '../editions.js';

/** A place an address can be in. `code` is the state/emirate code Books uses (`place_of_contact`). */
export interface Place {
  city: string;
  state: string;
  code: string;
  zip: () => string;
}

/** Name and address material for one edition's generated records. */
export interface Locale {
  firstNames: readonly string[];
  lastNames: readonly string[];
  companyStems: readonly string[];
  companySuffixes: readonly string[];
  streets: readonly string[];
  places: readonly Place[];
  /** A phone number; `digits(n)` draws n random digits. */
  phone: (digits: (n: number) => string) => string;
}

type ZipMaker = (digits: (n: number) => string) => string;

/** Builds places whose zip codes come from the shared digit source at generation time. */
function places(
  list: ReadonlyArray<readonly [city: string, state: string, code: string]>,
  zip: ZipMaker,
  digits: (n: number) => string,
): Place[] {
  return list.map(([city, state, code]) => ({ city, state, code, zip: () => zip(digits) }));
}

const commonTrades = ['Plumbing', 'Electrical', 'HVAC', 'Facilities', 'Maintenance', 'Elevators', 'Solar', 'Security', 'Cooling', 'Pumps'];

/** The locale of an edition, drawing its digits from `digits`. */
export function localeFor(edition: SandboxEdition, digits: (n: number) => string): Locale {
  switch (edition) {
    case 'us':
      return {
        firstNames: ['James', 'Mary', 'Robert', 'Patricia', 'Michael', 'Jennifer', 'David', 'Linda', 'William', 'Elizabeth', 'Carlos', 'Aisha', 'Kevin', 'Megan'],
        lastNames: ['Smith', 'Johnson', 'Williams', 'Brown', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Wilson', 'Anderson', 'Taylor', 'Moore', 'Nguyen', 'Clark'],
        companyStems: ['Bowman', 'Redwood', 'Lakeside', 'Summit', 'Harbor', 'Pioneer', 'Granite', 'Bluebird', 'Evergreen', 'Keystone', 'Sierra', 'Prairie'],
        companySuffixes: ['Inc', 'LLC', 'Corp', 'and Co', ...commonTrades.map((t) => `${t} Inc`)],
        streets: ['Hopyard Rd', 'Main St', 'Oak Ave', 'Market St', 'Elm St', 'Sunset Blvd', 'Broadway', 'Pine St'],
        places: places(
          [['Pleasanton', 'California', 'CA'], ['Austin', 'Texas', 'TX'], ['Brooklyn', 'New York', 'NY'], ['Seattle', 'Washington', 'WA'], ['Denver', 'Colorado', 'CO'], ['Miami', 'Florida', 'FL']],
          (d) => d(5),
          digits,
        ),
        phone: (d) => `+1-${d(3)}-${d(3)}-${d(4)}`,
      };
    case 'ca':
      return {
        firstNames: ['Liam', 'Olivia', 'Noah', 'Emma', 'Lucas', 'Chloé', 'Ethan', 'Ava', 'Gabriel', 'Sophie', 'Jacob', 'Maya'],
        lastNames: ['Tremblay', 'Gagnon', 'Roy', 'Côté', 'Smith', 'Brown', 'Martin', 'Wilson', 'MacDonald', 'Lee', 'Bouchard', 'Campbell'],
        companyStems: ['Maple', 'Northern', 'Laurentian', 'Rideau', 'Fraser', 'Algonquin', 'Cascade', 'Muskoka', 'Prairie', 'Atlantic'],
        companySuffixes: ['Ltd', 'Inc', 'Ltée', ...commonTrades.map((t) => `${t} Ltd`)],
        streets: ['Yonge St', 'Rue Sainte-Catherine', 'Granville St', 'Jasper Ave', 'Portage Ave', 'Bank St'],
        places: places(
          [['Toronto', 'Ontario', 'ON'], ['Montréal', 'Quebec', 'QC'], ['Vancouver', 'British Columbia', 'BC'], ['Calgary', 'Alberta', 'AB'], ['Winnipeg', 'Manitoba', 'MB']],
          (d) => `M${d(1)}A ${d(1)}B${d(1)}`,
          digits,
        ),
        phone: (d) => `+1-${d(3)}-${d(3)}-${d(4)}`,
      };
    case 'au':
      return {
        firstNames: ['Jack', 'Charlotte', 'Oliver', 'Amelia', 'William', 'Isla', 'Thomas', 'Mia', 'Lachlan', 'Zoe', 'Cooper', 'Ruby'],
        lastNames: ['Smith', 'Jones', 'Williams', 'Brown', 'Wilson', 'Taylor', 'Nguyen', 'Kelly', "O'Brien", 'Walker', 'Harris', 'Mitchell'],
        companyStems: ['Southern Cross', 'Coastal', 'Outback', 'Harbourside', 'Eucalypt', 'Red Centre', 'Bondi', 'Yarra', 'Kimberley', 'Tasman'],
        companySuffixes: ['Pty Ltd', ...commonTrades.map((t) => `${t} Pty Ltd`)],
        streets: ['George St', 'Collins St', 'Queen St', 'Hay St', 'King William St', 'Chapel St'],
        places: places(
          [['Sydney', 'New South Wales', 'NSW'], ['Melbourne', 'Victoria', 'VIC'], ['Brisbane', 'Queensland', 'QLD'], ['Perth', 'Western Australia', 'WA'], ['Adelaide', 'South Australia', 'SA']],
          (d) => `${d(4)}`,
          digits,
        ),
        phone: (d) => `+61-${d(1)}-${d(4)}-${d(4)}`,
      };
    case 'in':
      return {
        firstNames: ['Aarav', 'Ananya', 'Vivaan', 'Diya', 'Arjun', 'Isha', 'Rohan', 'Priya', 'Karthik', 'Lakshmi', 'Imran', 'Sneha', 'Vikram', 'Meera'],
        lastNames: ['Sharma', 'Patel', 'Iyer', 'Reddy', 'Nair', 'Gupta', 'Singh', 'Menon', 'Rao', 'Khan', 'Das', 'Joshi', 'Mehta', 'Pillai'],
        companyStems: ['Sharma', 'Lotus', 'Kaveri', 'Sahyadri', 'Indus', 'Ganga', 'Deccan', 'Vasudha', 'Shakti', 'Suryoday', 'Nilgiri', 'Coromandel'],
        companySuffixes: ['Traders', 'Enterprises', 'Pvt Ltd', 'Industries', 'Services LLP', ...commonTrades.map((t) => `${t} Pvt Ltd`)],
        streets: ['MG Road', 'Anna Salai', 'Linking Road', 'Park Street', 'Brigade Road', 'Residency Road'],
        places: places(
          [['Chennai', 'Tamil Nadu', 'TN'], ['Bengaluru', 'Karnataka', 'KA'], ['Mumbai', 'Maharashtra', 'MH'], ['New Delhi', 'Delhi', 'DL'], ['Hyderabad', 'Telangana', 'TG'], ['Kolkata', 'West Bengal', 'WB']],
          (d) => `${d(6)}`,
          digits,
        ),
        phone: (d) => `+91-${d(5)}-${d(5)}`,
      };
    case 'uk':
      return {
        firstNames: ['Oliver', 'Amelia', 'George', 'Isla', 'Harry', 'Ava', 'Jack', 'Emily', 'Noah', 'Sophie', 'Arthur', 'Grace'],
        lastNames: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Evans', 'Davies', 'Thomas', 'Roberts', 'Patel', 'Wright'],
        companyStems: ['Thames', 'Pennine', 'Cotswold', 'Albion', 'Highland', 'Mersey', 'Severn', 'Windsor', 'Kestrel', 'Brunel'],
        companySuffixes: ['Ltd', 'plc', 'LLP', ...commonTrades.map((t) => `${t} Ltd`)],
        streets: ['High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'Mill Lane', 'Queens Road'],
        places: places(
          [['London', 'Greater London', 'LND'], ['Manchester', 'Greater Manchester', 'MAN'], ['Bristol', 'Bristol', 'BST'], ['Leeds', 'West Yorkshire', 'LDS'], ['Glasgow', 'Scotland', 'GLG']],
          (d) => `SW${d(1)} ${d(1)}AA`,
          digits,
        ),
        phone: (d) => `+44-20-${d(4)}-${d(4)}`,
      };
    case 'de':
      return {
        firstNames: ['Lukas', 'Anna', 'Leon', 'Lena', 'Finn', 'Marie', 'Jonas', 'Sophie', 'Felix', 'Laura', 'Emil', 'Hannah'],
        lastNames: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann', 'Schulz', 'Koch', 'Richter'],
        companyStems: ['Rhein', 'Alpen', 'Nordsee', 'Schwarzwald', 'Elbe', 'Brandenburg', 'Bavaria', 'Hanse', 'Mosel', 'Harz'],
        companySuffixes: ['GmbH', 'AG', 'KG', 'GmbH & Co. KG', 'Haustechnik GmbH', 'Elektro GmbH'],
        streets: ['Hauptstraße', 'Bahnhofstraße', 'Gartenstraße', 'Schulstraße', 'Lindenweg', 'Bergstraße'],
        places: places(
          [['Berlin', 'Berlin', 'BE'], ['München', 'Bayern', 'BY'], ['Hamburg', 'Hamburg', 'HH'], ['Köln', 'Nordrhein-Westfalen', 'NW'], ['Frankfurt', 'Hessen', 'HE']],
          (d) => `${d(5)}`,
          digits,
        ),
        phone: (d) => `+49-${d(3)}-${d(7)}`,
      };
    case 'za':
      return {
        firstNames: ['Thabo', 'Naledi', 'Sipho', 'Lerato', 'Pieter', 'Anele', 'Johan', 'Zanele', 'Ahmed', 'Ayesha', 'Ruan', 'Nomvula'],
        lastNames: ['Nkosi', 'Dlamini', 'van der Merwe', 'Botha', 'Naidoo', 'Mokoena', 'Pillay', 'Khumalo', 'Smith', 'Jacobs', 'Ndlovu', 'Pretorius'],
        companyStems: ['Table Mountain', 'Highveld', 'Karoo', 'Drakensberg', 'Protea', 'Limpopo', 'Umhlanga', 'Cape Point', 'Springbok', 'Baobab'],
        companySuffixes: ['(Pty) Ltd', 'CC', ...commonTrades.map((t) => `${t} (Pty) Ltd`)],
        streets: ['Long Street', 'Jan Smuts Ave', 'Florida Rd', 'Church St', 'Main Rd', 'Voortrekker Rd'],
        places: places(
          [['Johannesburg', 'Gauteng', 'GP'], ['Cape Town', 'Western Cape', 'WC'], ['Durban', 'KwaZulu-Natal', 'KZN'], ['Pretoria', 'Gauteng', 'GP']],
          (d) => `${d(4)}`,
          digits,
        ),
        phone: (d) => `+27-${d(2)}-${d(3)}-${d(4)}`,
      };
    case 'ae':
    case 'sa':
    case 'kw':
    case 'qa':
    case 'bh':
    case 'om':
      return gulfLocale(edition, digits);
    case 'global':
      return {
        firstNames: ['Wei', 'Siti', 'Arun', 'Mei Ling', 'Daniel', 'Nurul', 'Rajesh', 'Grace', 'Hiroshi', 'Farah', 'Marco', 'Elena'],
        lastNames: ['Tan', 'Lim', 'Wong', 'Rahman', 'Kumar', 'Lee', 'Goh', 'Santos', 'Ong', 'Chua', 'Rossi', 'Ng'],
        companyStems: ['Marina', 'Orchid', 'Lion City', 'Straits', 'Jurong', 'Sentosa', 'Raffles', 'Changi', 'Temasek', 'Kallang'],
        companySuffixes: ['Pte Ltd', ...commonTrades.map((t) => `${t} Pte Ltd`)],
        streets: ['Orchard Road', 'Raffles Place', 'Tampines Ave', 'Jurong West St', 'Ang Mo Kio Ave', 'Bukit Timah Rd'],
        places: places([['Singapore', 'Singapore', 'SG']], (d) => `${d(6)}`, digits),
        phone: (d) => `+65-${d(4)}-${d(4)}`,
      };
  }
}

function gulfLocale(edition: 'ae' | 'sa' | 'kw' | 'qa' | 'bh' | 'om', digits: (n: number) => string): Locale {
  const cities: Record<typeof edition, ReadonlyArray<readonly [string, string, string]>> = {
    // UAE place-of-supply codes are emirates (AB, AJ, DU, FU, RA, SH, UM).
    ae: [['Dubai', 'Dubai', 'DU'], ['Abu Dhabi', 'Abu Dhabi', 'AB'], ['Sharjah', 'Sharjah', 'SH'], ['Ajman', 'Ajman', 'AJ']],
    sa: [['Riyadh', 'Riyadh', 'SA'], ['Jeddah', 'Makkah', 'SA'], ['Dammam', 'Eastern Province', 'SA']],
    kw: [['Kuwait City', 'Al Asimah', 'KW'], ['Hawalli', 'Hawalli', 'KW']],
    qa: [['Doha', 'Ad Dawhah', 'QA'], ['Al Rayyan', 'Al Rayyan', 'QA']],
    bh: [['Manama', 'Capital', 'BH'], ['Muharraq', 'Muharraq', 'BH']],
    om: [['Muscat', 'Muscat', 'OM'], ['Salalah', 'Dhofar', 'OM']],
  };
  const dial: Record<typeof edition, string> = { ae: '971', sa: '966', kw: '965', qa: '974', bh: '973', om: '968' };
  return {
    firstNames: ['Mohammed', 'Fatima', 'Ahmed', 'Aisha', 'Omar', 'Mariam', 'Khalid', 'Noura', 'Yousef', 'Layla', 'Rashid', 'Huda'],
    lastNames: ['Al Mansoori', 'Al Qahtani', 'Al Harbi', 'Haddad', 'Al Marri', 'Al Sabah', 'Nasser', 'Al Balushi', 'Khoury', 'Al Farsi', 'Saleh', 'Rahman'],
    companyStems: ['Al Noor', 'Desert Rose', 'Falcon', 'Oasis', 'Pearl', 'Gulf Star', 'Al Waha', 'Dune', 'Al Fajr', 'Crescent'],
    companySuffixes: ['LLC', 'Trading LLC', 'Contracting', 'FZE', 'General Trading', 'Technical Services LLC'],
    streets: ['Sheikh Zayed Road', 'King Fahd Road', 'Al Wasl Road', 'Corniche Road', 'Salwa Road', 'Airport Road'],
    places: places(cities[edition], (d) => `${d(5)}`, digits),
    phone: (d) => `+${dial[edition]}-${d(2)}-${d(3)}-${d(4)}`,
  };
}
