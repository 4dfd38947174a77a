package org.compactaudit.web;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.RequestOptions;

import org.compactaudit.support.Accessibility;

/**
 * Follows, breadth first, every same-origin link and GET form a signed-in browser context is shown, each URL
 * once, up to a limit, and collects every problem: an error status, a page sent back to sign-in, an error
 * summary nobody asked for, a download that is not the file type it claims, an axe violation. It requests with
 * the context's own cookies and never submits a POST form, so it changes nothing.
 */
final class LinkCrawler {

    /** Per crawl: enough for every page template of a role on demo-sized data within the test's time budget. */
    static final int LIMIT = 250;

    private static final Pattern FILENAME = Pattern.compile("filename\\*?=\"?(?:UTF-8'')?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final Map<String, String> TYPES = Map.of("pdf", "application/pdf",
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "csv", "text/csv");

    /** Links, GET forms filled with their default values, and the error summary, read from a page's HTML. */
    private static final String READ_PAGE = """
            ([html, pageUrl]) => {
              const doc = new DOMParser().parseFromString(html, 'text/html');
              const baseElement = doc.querySelector('base[href]');
              const base = baseElement ? new URL(baseElement.getAttribute('href'), pageUrl).href : pageUrl;
              const resolve = href => { try { return new URL(href, base).href; } catch (e) { return null; } };
              const links = [...doc.querySelectorAll('a[href]')].map(a => resolve(a.getAttribute('href'))).filter(Boolean);
              const forms = [...doc.querySelectorAll('form')]
                .filter(f => (f.getAttribute('method') || 'get').toLowerCase() === 'get')
                .map(f => {
                  const url = new URL(f.getAttribute('action') || pageUrl, base);
                  const query = new URLSearchParams();
                  for (const field of f.elements) {
                    const type = (field.type || '').toLowerCase();
                    if (!field.name || field.disabled || field.tagName === 'BUTTON' || field.tagName === 'FIELDSET'
                        || ['submit', 'image', 'reset', 'button', 'file'].includes(type)
                        || ((type === 'checkbox' || type === 'radio') && !field.checked)) {
                      continue;
                    }
                    if (field.tagName === 'SELECT') {
                      [...field.selectedOptions].forEach(o => query.append(field.name, o.value));
                    } else {
                      query.append(field.name, field.value);
                    }
                  }
                  const submitter = [...f.elements].find(e => (e.tagName === 'BUTTON' && (e.type || 'submit') === 'submit')
                    || (e.tagName === 'INPUT' && e.type === 'submit'));
                  if (submitter && submitter.name) {
                    query.append(submitter.name, submitter.value);
                  }
                  url.search = query.toString();
                  return url.href;
                });
              const summary = doc.querySelector('.govuk-error-summary');
              return { links, forms, errorSummary: summary ? summary.textContent.replace(/\\s+/g, ' ').trim() : null };
            }""";

    record Report(String who, int visited, int notVisited, int axeChecked, long axeMillis, long millis,
            Set<String> templates, List<String> problems) {

        String summary() {
            return String.format("Crawler %s: %d URLs visited (%d more found, not visited) on %d page templates, axe on "
                    + "%d pages (%.1f s), %.1f s in all, %d problems", who, visited, notVisited, templates.size(),
                    axeChecked, axeMillis / 1000.0, millis / 1000.0, problems.size());
        }
    }

    /** A URL to visit; {@code form} when it is a GET form submitted with its default values. */
    private record Link(String url, String from, boolean form) {
    }

    private final BrowserContext context;
    private final String origin;
    private final Predicate<URI> inScope;
    private final Set<String> axeTemplates;
    private final Set<String> errorSummaryExpected;
    private final boolean signedIn;

    /**
     * @param axeTemplates path templates already checked by axe (shared between crawls, since every role sees the
     *        same templates and axe is the slow part); this crawl adds to it
     * @param errorSummaryExpected path templates whose page shows an error summary by design
     */
    LinkCrawler(BrowserContext context, URI base, Predicate<URI> inScope, Set<String> axeTemplates,
            Set<String> errorSummaryExpected, boolean signedIn) {
        this.context = context;
        this.origin = base.getScheme() + "://" + base.getAuthority();
        this.inScope = inScope;
        this.axeTemplates = axeTemplates;
        this.errorSummaryExpected = errorSummaryExpected;
        this.signedIn = signedIn;
    }

    Report crawl(String who, List<String> starts) {
        long started = System.currentTimeMillis();
        Crawl crawl = new Crawl();
        starts.forEach(s -> crawl.offer(new Link(s, "(start)", false)));
        Page reader = context.newPage();
        Page axe = context.newPage();
        try {
            while (!crawl.queue.isEmpty() && crawl.visited < LIMIT) {
                Link link = crawl.queue.remove();
                crawl.visited++;
                APIResponse response = context.request().get(link.url(), RequestOptions.create().setMaxRedirects(10).setTimeout(120_000));
                try {
                    visit(crawl, link, response, reader, axe);
                } finally {
                    response.dispose();
                }
            }
        } finally {
            reader.close();
            axe.close();
        }
        return new Report(who, crawl.visited, crawl.queue.size(), crawl.axeChecked, crawl.axeMillis,
                System.currentTimeMillis() - started, crawl.templates, crawl.problems);
    }

    /** One crawl's progress: what is queued, what has been seen, what went wrong. */
    private static final class Crawl {
        final Queue<Link> queue = new ArrayDeque<>();
        final Set<String> seen = new HashSet<>();
        final List<String> problems = new ArrayList<>();
        final Set<String> templates = new TreeSet<>();
        int visited;
        int axeChecked;
        long axeMillis;

        void offer(Link link) {
            if (seen.add(link.url())) {
                queue.add(link);
            }
        }

        void problem(Link link, String what) {
            problems.add(what + " (linked from " + link.from() + ")");
        }
    }

    private void visit(Crawl crawl, Link link, APIResponse response, Page reader, Page axe) {
        crawl.templates.add(template(URI.create(response.url())));
        String type = response.headers().getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
        boolean html = type.startsWith("text/html");
        Map<String, Object> page = html ? read(reader, response) : Map.of();
        Object errorSummary = page.get("errorSummary");
        // A GET form sent with its default values may be refused as a form is: a 400 that says why, in a summary.
        boolean refusedForm = link.form() && response.status() == 400 && errorSummary != null;
        String problem = refusedForm ? null : statusProblem(response);
        if (problem == null) {
            problem = downloadProblem(response, type);
            problem = problem == null ? null : "not the file it claims to be: " + problem;
        }
        if (problem != null) {
            crawl.problem(link, problem + ": " + link.url());
            return;
        }
        if (!html) {
            return;
        }
        String here = response.url();
        crawl.seen.add(here);
        String template = template(URI.create(here));
        if (errorSummary != null && !refusedForm && !errorSummaryExpected.contains(template)) {
            crawl.problem(link, "error summary \"" + errorSummary + "\" on " + here);
        }
        if (axeTemplates.add(template)) {
            crawl.axeChecked++;
            long axeStarted = System.currentTimeMillis();
            String violations = axeProblem(axe, here, response.status());
            crawl.axeMillis += System.currentTimeMillis() - axeStarted;
            if (violations != null) {
                crawl.problem(link, violations);
            }
        }
        for (String next : new LinkedHashSet<>(strings(page.get("links")))) {
            String url = withoutFragment(next);
            if (followable(url)) {
                crawl.offer(new Link(url, here, false));
            }
        }
        for (String next : new LinkedHashSet<>(strings(page.get("forms")))) {
            if (followable(next)) {
                crawl.offer(new Link(next, here, true));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Page reader, APIResponse response) {
        return (Map<String, Object>) reader.evaluate(READ_PAGE, List.of(response.text(), response.url()));
    }

    private String statusProblem(APIResponse response) {
        if (response.status() >= 400) {
            return String.valueOf(response.status());
        }
        URI landed = URI.create(response.url());
        if (!origin.equals(landed.getScheme() + "://" + landed.getAuthority())) {
            return "redirected off the site to " + response.url();
        }
        if (signedIn && "/login".equals(landed.getPath())) {
            return "sent to the sign-in page";
        }
        return null;
    }

    /** Null unless the response is a download that is not what its name says. */
    static String downloadProblem(APIResponse response, String type) {
        String disposition = response.headers().getOrDefault("content-disposition", "");
        Matcher filename = FILENAME.matcher(disposition);
        String named = filename.find() ? extension(filename.group(1)) : "";
        String path = extension(URI.create(response.url()).getPath());
        boolean download = disposition.toLowerCase(Locale.ROOT).startsWith("attachment") || TYPES.containsKey(path)
                || TYPES.containsValue(type.split(";")[0].trim());
        if (!download) {
            return null;
        }
        String claimed = !named.isEmpty() ? named : TYPES.containsKey(path) ? path : TYPES.entrySet().stream()
                .filter(e -> type.startsWith(e.getValue())).map(Map.Entry::getKey).findFirst().orElse("");
        if (!TYPES.containsKey(claimed)) {
            return "an attachment of unknown type: Content-Type " + type + ", Content-Disposition " + disposition;
        }
        if (!named.isEmpty() && TYPES.containsKey(path) && !named.equals(path)) {
            return "the address ends ." + path + " but the file is named ." + named;
        }
        if (!type.startsWith(TYPES.get(claimed))) {
            return "a ." + claimed + " sent as Content-Type " + type;
        }
        byte[] body = response.body();
        return switch (claimed) {
            case "pdf" -> startsWith(body, "%PDF-") ? null : "a .pdf that does not start with %PDF-";
            case "xlsx" -> startsWith(body, "PK\u0003\u0004") ? null : "a .xlsx that is not a zip (no PK header)";
            default -> isText(body) ? null : "a .csv that is empty, binary or HTML";
        };
    }

    /** Shows the page in the browser, with its styles, as axe needs it; the browser must get what the crawler got. */
    private static String axeProblem(Page axe, String url, int status) {
        Response shown = axe.navigate(url);
        if (shown == null || shown.status() != status) {
            return "the browser got " + (shown == null ? "nothing" : shown.status()) + " for " + url;
        }
        try {
            Accessibility.assertNoViolations(axe);
            return null;
        } catch (AssertionError violations) {
            return violations.getMessage();
        }
    }

    private boolean followable(String url) {
        if (!url.startsWith(origin + "/")) {
            return false;
        }
        URI uri = URI.create(url);
        return !"/logout".equals(uri.getPath()) && inScope.test(uri);
    }

    /**
     * The page's path with link tokens, ids and keys (any segment with a digit: 42, s1, 2018-19) as placeholders:
     * pages of one template look alike to axe.
     */
    static String template(URI uri) {
        return uri.getPath().replaceAll("/[A-Za-z0-9_-]{32,}(?=/|$)", "/{token}").replaceAll("/[^/{]*\\d[^/]*(?=/|$)", "/{id}");
    }

    private static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 || name.lastIndexOf('/') > dot ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean startsWith(byte[] body, String prefix) {
        byte[] expected = prefix.getBytes(StandardCharsets.ISO_8859_1);
        if (body.length < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (body[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isText(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
            String start = text.stripLeading().toLowerCase(Locale.ROOT);
            return !text.isBlank() && text.indexOf('\0') < 0 && !start.startsWith("<!doctype") && !start.startsWith("<html");
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return list == null ? List.of() : (List<String>) list;
    }
}
