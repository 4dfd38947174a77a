package org.compactaudit.demo;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import org.compactaudit.agency.Agency;
import org.compactaudit.agency.Sector;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.security.Passwords;
import org.compactaudit.security.Role;
import org.compactaudit.security.StaffUser;

/**
 * The demo partnership a newcomer sees on the first start with {@code compact.demo=true}: a fictional
 * partnership, about 120 agencies across every sector in both cycle groups, and one staff user per role with a
 * known password. Runs after the audit tools are imported (priority 10) and before {@code BootstrapAdmin} (30),
 * so the demo admin makes a random bootstrap admin unnecessary. The data comes from a fixed seed: every start
 * of every machine produces the same agencies.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);
    private static final long SEED = 2018L;

    /** The partnership the demo creates; a test passes another one so it never meets the real demo. */
    public record Plan(String code, String name, String area, String mailDomain) {

        public static final Plan SOUTHSEA = new Plan("southsea", "Southsea Safeguarding Children Partnership",
                "Southsea", "example.org");

        /** The small neighbour that shows partnerships kept apart: its own agencies, a few shared with Southsea. */
        public static final Plan NORTHSEA = new Plan("northsea", "Northsea Safeguarding Children Partnership",
                "Northsea", "northsea.example.org");

        String email(String localPart) {
            return localPart + "@" + mailDomain;
        }
    }

    /** A demo staff user: the password is public on purpose, it exists only with compact.demo=true. */
    public record DemoUser(String role, String localPart, String displayName, String password) {
    }

    public static final List<DemoUser> USERS = List.of(
            new DemoUser(Role.MANAGER, "manager", "Priya Shah", "demo-manager-pass"),
            new DemoUser(Role.MESC, "mesc", "Tom Fielding", "demo-mesc-pass"),
            new DemoUser(Role.MODERATOR, "moderator", "Grace Okafor", "demo-moderator-pass"),
            new DemoUser(Role.ADMIN, "admin", "Alex Moore", "demo-admin-pass"));

    /** Northsea's staff: a manager and a MESC reviewer who see only Northsea's data. */
    public static final List<DemoUser> NORTHSEA_USERS = List.of(
            new DemoUser(Role.MANAGER, "manager", "Sam Carter", "demo-northsea-pass"),
            new DemoUser(Role.MESC, "mesc", "Ruth Adeyemi", "demo-northsea-mesc-pass"));

    /** How many agencies of its own Northsea has; it also works with Southsea's statutory agencies. */
    static final int NORTHSEA_AGENCIES = 15;

    @ConfigProperty(name = "compact.demo", defaultValue = "false")
    boolean demo;

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    @Inject
    Clock clock;

    @Transactional
    void onStart(@Observes @Priority(20) StartupEvent event) {
        if (demo && Partnership.count() == 0) {
            Partnership southsea = load(Plan.SOUTHSEA);
            loadNeighbour(Plan.NORTHSEA, southsea);
            LOG.infof("Demo data loaded: %s and %s, %d agencies and %d staff users.", Plan.SOUTHSEA.name(),
                    Plan.NORTHSEA.name(), Agency.count(), USERS.size() + NORTHSEA_USERS.size());
        }
    }

    /** Last of the start-up observers, so the sign-in help is the last thing a newcomer reads. */
    void announce(@Observes @Priority(1000) StartupEvent event) {
        if (!demo) {
            return;
        }
        StringBuilder text = new StringBuilder("\n\n  Compact Audit demo is starting at http://localhost:")
                .append(port).append("/login\n  Sign in with one of these demo accounts (email / password):\n");
        USERS.forEach(u -> text.append(String.format("    %-30s %-24s %s%n", Plan.SOUTHSEA.email(u.localPart()),
                u.password(), Role.label(u.role()))));
        NORTHSEA_USERS.forEach(u -> text.append(String.format("    %-30s %-24s %s of Northsea only%n",
                Plan.NORTHSEA.email(u.localPart()), u.password(), Role.label(u.role()))));
        LOG.info(text);
    }

    /**
     * Creates the plan's partnership, its agencies and its staff users, and returns the partnership. An agency of
     * the same name and sector that the partnership already has is kept rather than duplicated, so loading twice
     * changes nothing; existing users are left as they are.
     */
    @Transactional
    public Partnership load(Plan plan) {
        Partnership partnership = partnership(plan);
        agencies(plan, partnership, DemoAgencies.rows(plan.area(), new Random(SEED)));
        users(plan, partnership, USERS);
        return partnership;
    }

    /**
     * A second, small partnership: {@value #NORTHSEA_AGENCIES} agencies of its own, the neighbour's statutory agencies
     * shared with it (a police force and health trusts serve both areas), and its own manager and MESC reviewer.
     */
    @Transactional
    public Partnership loadNeighbour(Plan plan, Partnership neighbour) {
        Partnership partnership = partnership(plan);
        List<DemoAgencies.Row> all = DemoAgencies.rows(plan.area(), new Random(SEED));
        int step = all.size() / NORTHSEA_AGENCIES;
        // Every step-th row, so the small directory still spans the sectors.
        agencies(plan, partnership, IntStream.range(0, NORTHSEA_AGENCIES).mapToObj(i -> all.get(i * step)).toList());
        Agency.<Agency>list("select a from Agency a join a.partnerships p where p.id = ?1 and a.sector.code = 'statutory'",
                neighbour.id).forEach(a -> a.partnerships.add(partnership));
        users(plan, partnership, NORTHSEA_USERS);
        return partnership;
    }

    private Partnership partnership(Plan plan) {
        return Partnership.findByCode(plan.code()).orElseGet(() -> {
            Partnership p = new Partnership();
            p.code = plan.code();
            p.name = plan.name();
            p.contactName = "Priya Shah";
            p.contactEmail = plan.email("partnership");
            p.contactPhone = "023 9200 0000";
            p.persist();
            return p;
        });
    }

    private void agencies(Plan plan, Partnership partnership, List<DemoAgencies.Row> rows) {
        Instant now = clock.instant();
        Map<String, Sector> sectors = new LinkedHashMap<>();
        Sector.<Sector>listAll().forEach(s -> sectors.put(s.code, s));
        for (DemoAgencies.Row row : rows) {
            Agency agency = Agency.<Agency>find("select a from Agency a join a.partnerships p where p.id = ?1"
                    + " and a.name = ?2 and a.sector.code = ?3", partnership.id, row.name(), row.sector())
                    .firstResultOptional().orElse(null);
            if (agency == null) {
                agency = new Agency();
                agency.name = row.name();
                agency.sector = sectors.get(row.sector());
                agency.subType = row.subType();
                agency.cycleGroup = row.group();
                agency.leadName = row.leadName();
                agency.leadEmail = row.leadLocalPart() == null ? null : row.leadLocalPart() + "@" + mailHost(row, plan);
                agency.seniorName = row.seniorName();
                agency.seniorEmail = row.seniorLocalPart() + "@" + mailHost(row, plan);
                agency.createdAt = now;
                agency.updatedAt = now;
                agency.persist();
            }
            agency.partnerships.add(partnership);
        }
    }

    private void users(Plan plan, Partnership partnership, List<DemoUser> demoUsers) {
        Instant now = clock.instant();
        for (DemoUser demoUser : demoUsers) {
            String email = plan.email(demoUser.localPart());
            if (StaffUser.findByEmail(email).isEmpty()) {
                StaffUser user = new StaffUser();
                user.email = email;
                user.displayName = demoUser.displayName();
                user.passwordHash = Passwords.hash(demoUser.password());
                user.setRoles(Set.of(demoUser.role()));
                if (!demoUser.role().equals(Role.ADMIN)) {
                    user.partnerships.add(partnership);
                }
                user.createdAt = now;
                user.persist();
            }
        }
    }

    private static String mailHost(DemoAgencies.Row row, Plan plan) {
        return row.slug() + "." + plan.mailDomain();
    }

    /** Counts of the demo's agencies per sector code, for the documentation and the test. */
    public static Map<String, Integer> sectorCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        DemoAgencies.rows("Southsea", new Random(SEED)).forEach(r -> counts.merge(r.sector(), 1, Integer::sum));
        return counts;
    }
}
