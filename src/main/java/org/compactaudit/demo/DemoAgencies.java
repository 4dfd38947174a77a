package org.compactaudit.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.compactaudit.agency.CycleGroup;

/**
 * The demo's fictional agencies, built from name parts and a seeded random source so that every run yields the
 * same list: 120 agencies in all ten sectors, alternating cycle groups within each sector.
 */
final class DemoAgencies {

    /** One agency; a null lead email stands for the directory gaps a real partnership has. */
    record Row(String sector, String name, String subType, CycleGroup group, String leadName, String leadLocalPart,
            String seniorName, String seniorLocalPart, String slug) {
    }

    private static final String[] FIRST_NAMES = { "Amira", "Ben", "Chloe", "Daniel", "Ella", "Farah", "George",
        "Hannah", "Imran", "Jess", "Kwame", "Laura", "Mohammed", "Niamh", "Oliver", "Poppy", "Rajesh", "Sophie",
        "Tariq", "Una", "Victoria", "William", "Yasmin", "Zoe", "Adam", "Bethany", "Callum", "Deborah", "Ewan",
        "Fiona", "Gareth", "Helen", "Isaac", "Joanne", "Karen", "Liam", "Megan", "Nathan", "Olivia", "Paul" };
    private static final String[] SURNAMES = { "Ahmed", "Baker", "Clarke", "Davies", "Evans", "Fraser", "Green",
        "Hughes", "Iqbal", "Jones", "Khan", "Lewis", "Mensah", "Nowak", "O'Brien", "Patel", "Quinn", "Roberts",
        "Singh", "Taylor", "Underwood", "Vaughan", "Walsh", "Young", "Ali", "Brown", "Cooper", "Dixon", "Edwards",
        "Foster", "Gray", "Hall", "Jackson", "Kelly", "Mitchell", "Nash", "Owen", "Price", "Reid", "Shaw" };
    /** Fictional neighbourhoods of the fictional area, used in school, practice and setting names. */
    private static final String[] PLACES = { "Harbourside", "Seafront", "Castle Road", "Lumley", "Marina",
        "Beachlands", "Clarence", "Osborne", "Palmerston", "Canoe Lake", "Esplanade", "Albert Road", "Victoria Park",
        "Waverley", "Elm Grove", "Merton", "Grove Road", "Kingsway", "Shorefield", "Netley", "Brambledown",
        "Saltmarsh", "Northgate", "Westbrook", "Eastfield", "Southcliff", "Ferry Lane", "Mill Quay", "Beacon Hill",
        "Oyster Bay", "Copse Lane", "Highcliffe", "Lighthouse", "Fort Cumberland", "Langstone", "Anchorage" };
    private static final String[] SAINTS = { "St Mary's", "St Luke's", "St Jude's", "St Swithun's", "St Edmund's",
        "St Paul's", "Holy Trinity", "St Margaret's" };

    /** Agencies deliberately without a lead email: the manager has to find a contact before sending. */
    private static final Set<String> NO_LEAD_EMAIL = Set.of("voluntary-community#4", "voluntary-community#13",
            "early-years#9", "faith#2");

    private final String area;
    private final Random random;
    private final List<String> places;
    private final List<Row> rows = new ArrayList<>();
    private String sector;
    private int index;

    private DemoAgencies(String area, Random random) {
        this.area = area;
        this.random = random;
        this.places = new ArrayList<>();
    }

    static List<Row> rows(String area, Random random) {
        DemoAgencies d = new DemoAgencies(area, random);
        d.statutory();
        d.health();
        d.gpPractices();
        d.schools();
        d.furtherEducation();
        d.earlyYears();
        d.voluntary();
        d.sportAndCulture();
        d.faith();
        d.commercial();
        return d.rows;
    }

    private void statutory() {
        begin("statutory");
        inArea(new String[][] {
            { "City Council Children's Social Care", "Local authority" },
            { "City Council Education Services", "Local authority" },
            { "City Council Housing Services", "Local authority" },
            { "City Council Public Health", "Local authority" }, { "Police District", "Police" },
            { "Youth Offending Team", "Youth offending" }, { "Probation Delivery Unit", "Probation" },
            { "Fire and Rescue Station", "Fire and rescue" },
            { "Early Help and Family Hub Service", "Local authority" },
            { "Children and Family Court Advisory Team", "Court advisory service" } });
    }

    private void health() {
        begin("health");
        inArea(new String[][] {
            { "Hospitals NHS Trust", "Acute trust" }, { "Community Health NHS Trust", "Community trust" },
            { "Integrated Care Board", "Commissioner" },
            { "Child and Adolescent Mental Health Service", "Mental health" },
            { "Coastal Ambulance Service", "Ambulance trust" }, { "Sexual Health Service", "Community health" },
            { "Health Visiting Service", "Community health" }, { "School Nursing Service", "Community health" } });
    }

    private void gpPractices() {
        begin("gp-practice");
        String[] kinds = { "Surgery", "Medical Centre", "Health Centre", "Medical Practice" };
        for (int i = 0; i < 18; i++) {
            add(place() + " " + kinds[i % kinds.length], "GP practice");
        }
    }

    private void schools() {
        begin("school");
        for (int i = 0; i < 12; i++) {
            add(place() + " Primary School", "Primary school");
        }
        for (int i = 0; i < 4; i++) {
            add(SAINTS[i] + " C of E Primary School (" + area + ")", "Primary school");
        }
        for (int i = 0; i < 2; i++) {
            add(place() + " Infant School", "Infant school");
        }
        for (int i = 0; i < 5; i++) {
            add(place() + " Secondary School", "Secondary school");
        }
        for (int i = 0; i < 4; i++) {
            add(place() + " Academy", "Academy");
        }
        add(SAINTS[4] + " Catholic High School (" + area + ")", "Secondary school");
        add(area + " Harbour Special School", "Special school");
        add(area + " Pupil Referral Unit", "Alternative provision");
    }

    private void furtherEducation() {
        begin("further-education");
        inArea(new String[][] {
            { "College", "Further education college" }, { "Sixth Form College", "Sixth form college" },
            { "Maritime Skills Academy", "Further education college" },
            { "Adult and Community Learning", "Adult learning" } });
    }

    private void earlyYears() {
        begin("early-years");
        for (int i = 0; i < 8; i++) {
            add(place() + (i % 2 == 0 ? " Day Nursery" : " Nursery"), "Nursery");
        }
        for (int i = 0; i < 6; i++) {
            add(place() + " Pre-school", "Pre-school");
        }
        for (int i = 0; i < 6; i++) {
            String person = person();
            add(person + " (childminder, " + area + ")", "Childminder", person);
        }
    }

    private void voluntary() {
        begin("voluntary-community");
        String[][] groups = {
            { "Youth Club", "Youth club" }, { "Scout Group", "Uniformed group" }, { "Girlguiding Unit", "Uniformed group" },
            { "Family Support Project", "Family support" }, { "Young Carers Project", "Charity" },
            { "Foodbank", "Charity" }, { "Counselling for Young People", "Counselling service" },
            { "Homework Club", "Youth club" }, { "Domestic Abuse Support", "Charity" }, { "Mentoring Scheme", "Charity" } };
        for (int i = 0; i < 20; i++) {
            String[] g = groups[i % groups.length];
            add(place() + " " + g[0], g[1]);
        }
    }

    private void sportAndCulture() {
        begin("sport-culture");
        inArea(new String[][] {
            { "Swimming Club", "Sports club" }, { "Harbour Youth Football Club", "Sports club" },
            { "Museums and Libraries", "Culture" }, { "Seafront Theatre Youth Company", "Performing arts" } });
    }

    private void faith() {
        begin("faith");
        add(SAINTS[5] + " Parish Church (" + area + ")", "Church");
        add(area + " Islamic Centre", "Mosque");
        add(area + " Gurdwara", "Gurdwara");
        add(place() + " Baptist Church", "Church");
    }

    private void commercial() {
        begin("commercial");
        inArea(new String[][] {
            { "Seafront Leisure Ltd", "Leisure" }, { "Private Hire and School Transport Ltd", "Transport" } });
    }

    /** Agencies named after the area: each is the rest of the name and the type of setting, in order. */
    private void inArea(String[][] agencies) {
        for (String[] a : agencies) {
            add(area + " " + a[0], a[1]);
        }
    }

    private void begin(String sectorCode) {
        sector = sectorCode;
        index = 0;
        places.clear();
        places.addAll(List.of(PLACES));
    }

    private void add(String name, String subType) {
        add(name, subType, person());
    }

    /** Childminders are their own safeguarding lead. */
    private void add(String name, String subType, String lead) {
        index++;
        String senior = subType.equals("Childminder") ? lead : person();
        String slug = slug(name);
        boolean noLeadEmail = NO_LEAD_EMAIL.contains(sector + "#" + index);
        CycleGroup group = index % 2 == 1 ? CycleGroup.A : CycleGroup.B;
        rows.add(new Row(sector, name, subType, group, lead, noLeadEmail ? null : localPart(lead), senior,
                localPart(senior), slug));
    }

    /** A neighbourhood not used yet in this sector's names, so names stay unique (name and sector are a key). */
    private String place() {
        return places.remove(random.nextInt(places.size()));
    }

    private String person() {
        return FIRST_NAMES[random.nextInt(FIRST_NAMES.length)] + " " + SURNAMES[random.nextInt(SURNAMES.length)];
    }

    private static String localPart(String person) {
        return person.toLowerCase(Locale.ROOT).replace("'", "").replace(' ', '.');
    }

    private static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replace("'", "").replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
        return s.length() > 40 ? s.substring(0, 40).replaceAll("-$", "") : s;
    }
}
