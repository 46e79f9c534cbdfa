package dev.qwen3vl.quarkus.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders docs/configuration.md from the configuration model that Quarkus' extension annotation processor writes
 * for {@link Qwen3VlRuntimeConfig} ({@code META-INF/quarkus-config-doc/*.json}: every property with its type and
 * default, and the javadoc of every config method).
 */
final class ConfigurationReference {

    private static final String MODEL = "/META-INF/quarkus-config-doc/quarkus-config-model.json";
    private static final String JAVADOC = "/META-INF/quarkus-config-doc/quarkus-config-javadoc.json";
    private static final String SECTION = "ConfigSection";
    private static final Pattern CODE = Pattern.compile("\\{@code ([^}]*)}");
    private static final Pattern LINK = Pattern.compile("\\{@link #?([A-Za-z0-9_.#]+)(?:\\(\\))?}");

    private final JsonNode model;
    private final JsonNode javadoc;
    private final StringBuilder out = new StringBuilder();

    private ConfigurationReference(JsonNode model, JsonNode javadoc) {
        this.model = model;
        this.javadoc = javadoc.path("elements");
    }

    /** The markdown text of docs/configuration.md. */
    static String render() {
        return new ConfigurationReference(read(MODEL), read(JAVADOC)).markdown();
    }

    private String markdown() {
        JsonNode root = root(Qwen3VlRuntimeConfig.class);
        JsonNode buildRoot = root(Qwen3VlBuildConfig.class);
        line("# Configuration reference");
        line("");
        line("<!-- Generated from the @ConfigMapping interfaces of quarkus-extension/runtime"
                + " (dev.qwen3vl.quarkus.runtime.config) by ConfigurationReferenceTest, which fails when this file is"
                + " stale. Regenerate with: mvn -pl quarkus-extension/deployment -am test"
                + " -Dtest=ConfigurationReferenceTest -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dqwen3vl.update-docs=true -->");
        line("");
        line(sentence(doc(Qwen3VlRuntimeConfig.class.getName())) + ".");
        line("");
        line("Every property is read when the application starts (phase RUN_TIME), except those that decide which"
                + " models have a bean, which are fixed when the application is built (see the end). Properties can"
                + " also be set as"
                + " environment variables (e.g. `QUARKUS_QWEN3VL_EMBEDDING_MODEL`). Durations take the Quarkus"
                + " format, e.g. `5ms`, `2s` or an ISO-8601 duration. How models are loaded, and the readiness check"
                + " and metrics, are described in [quarkus-extension.md](quarkus-extension.md).");
        List<JsonNode> unnamed = new ArrayList<>();
        List<JsonNode> shared = new ArrayList<>();
        JsonNode named = null;
        for (JsonNode item : root.path("items")) {
            if (isSection(item) && item.path("sourceElementName").asText().equals("namedConfig")) {
                named = item;
            } else if (item.path("sourceType").asText().equals(Qwen3VlRuntimeConfig.class.getName())) {
                shared.add(item);
            } else {
                unnamed.add(item);
            }
        }
        line("");
        line("## The unnamed model (`quarkus.qwen3vl.*`)");
        line("");
        line(text(doc(Qwen3VlRuntimeConfig.class.getName() + ".defaultConfig")) + " Injected without qualifier.");
        renderGroup(unnamed, "Device and weights");
        if (named != null) {
            renderNamed(named);
        }
        line("");
        line("## Shared by all models");
        renderGroup(shared, null);
        renderBuildTime(buildRoot);
        return out.toString();
    }

    // the root whose items come from the given mapping interface
    private JsonNode root(Class<?> mapping) {
        for (JsonNode root : model.path("configRoots")) {
            for (JsonNode item : root.path("items")) {
                if (item.path("sourceType").asText().equals(mapping.getName())) {
                    return root;
                }
            }
        }
        throw new IllegalStateException("No configuration root of " + mapping.getName());
    }

    // the few build-time properties: one table, the unnamed and the named form of each
    private void renderBuildTime(JsonNode root) {
        line("");
        line("## Fixed at build time");
        line("");
        line(sentence(doc(Qwen3VlBuildConfig.class.getName())) + ". A model the application injects always has"
                + " one; these properties add models that nothing injects (looked up programmatically, loaded at"
                + " startup), or switch models off.");
        List<JsonNode> properties = new ArrayList<>();
        collectProperties(root.path("items"), properties);
        for (JsonNode p : properties) {
            renderProperty(p, 3);
        }
    }

    // sections as level-3 headings, their properties at level 4; loose properties under looseTitle (if given)
    private void renderGroup(List<JsonNode> items, String looseTitle) {
        boolean looseOpen = false;
        for (JsonNode item : items) {
            if (isSection(item)) {
                looseOpen = false;
                line("");
                line("### " + sentence(doc(key(item))) + " (`" + item.path("path").path("property").asText()
                        + ".*`)");
                List<JsonNode> properties = new ArrayList<>();
                collectProperties(item.path("items"), properties);
                properties.forEach(p -> renderProperty(p, 4));
            } else if (looseTitle != null) {
                if (!looseOpen) {
                    line("");
                    line("### " + looseTitle);
                    looseOpen = true;
                }
                renderProperty(item, 4);
            } else {
                renderProperty(item, 3);
            }
        }
    }

    private void renderProperty(JsonNode p, int level) {
        String property = p.path("path").path("property").asText();
        line("");
        line("#".repeat(level) + " `" + property + "`");
        line("");
        line(text(doc(key(p))));
        line("");
        line("- Type: " + type(p));
        line("- Default: " + defaultValue(p));
        line("- Environment variable: `" + p.path("path").path("environmentVariable").asText() + "`");
    }

    // the named models repeat the unnamed model's properties: one table
    private void renderNamed(JsonNode section) {
        line("");
        line("## Named models (`quarkus.qwen3vl.\"model-name\".*`)");
        line("");
        line("A named model has every property of the unnamed model above (except `download.*` and `threads`,"
                + " which are shared), under `quarkus.qwen3vl.\"model-name\".` instead of `quarkus.qwen3vl.`, with"
                + " the same meaning and default. Inject it with `@ModelName(\"model-name\")`; quote names that"
                + " contain dots.");
        line("");
        line("| Property | Type | Default |");
        line("| --- | --- | --- |");
        List<JsonNode> properties = new ArrayList<>();
        collectProperties(section.path("items"), properties);
        for (JsonNode p : properties) {
            line("| `" + p.path("path").path("property").asText() + "` | " + type(p) + " | "
                    + defaultValue(p).replace("|", "\\|") + " |");
        }
    }

    private static void collectProperties(JsonNode items, List<JsonNode> properties) {
        for (JsonNode item : items) {
            if (isSection(item)) {
                collectProperties(item.path("items"), properties);
            } else {
                properties.add(item);
            }
        }
    }

    private static boolean isSection(JsonNode item) {
        return item.path("@class").asText().endsWith(SECTION);
    }

    private static String key(JsonNode item) {
        return item.path("sourceType").asText() + "." + item.path("sourceElementName").asText();
    }

    private String doc(String key) {
        JsonNode element = javadoc.path(key);
        if (element.isMissingNode()) {
            throw new IllegalStateException("No javadoc for " + key);
        }
        return element.path("description").asText();
    }

    private static String type(JsonNode p) {
        StringBuilder t = new StringBuilder();
        if (p.path("enum").asBoolean()) {
            List<String> values = new ArrayList<>();
            Iterator<JsonNode> it = p.path("enumAcceptedValues").path("values").elements();
            it.forEachRemaining(v -> values.add("`" + v.path("configValue").asText() + "`"));
            t.append("one of ").append(String.join(", ", values));
        } else {
            t.append(p.path("typeDescription").asText().toLowerCase(Locale.ROOT));
        }
        if (p.path("optional").asBoolean()) {
            t.append(" (optional)");
        }
        return t.toString();
    }

    private static String defaultValue(JsonNode p) {
        JsonNode d = p.path("defaultValue");
        if (d.isMissingNode() || d.asText().isEmpty()) {
            return "none";
        }
        String value = d.asText();
        if (value.contains(" ")) {
            return value; // a description of the default, not a value
        }
        // the processor writes durations in capitals (5MS); Quarkus reads either
        boolean duration = p.path("typeDescription").asText().equals("Duration");
        return "`" + (duration ? value.toLowerCase(Locale.ROOT) : value) + "`";
    }

    // javadoc to markdown: {@code x} and {@link #x()} become code, paragraphs become blank lines
    private static String text(String javadoc) {
        String s = javadoc.replace("<p>", "\n\n").replaceAll("[ \\t]*\\n[ \\t]*(?!\\n)", " ").strip();
        Matcher code = CODE.matcher(s);
        s = code.replaceAll(m -> Matcher.quoteReplacement("`" + m.group(1) + "`"));
        Matcher link = LINK.matcher(s);
        s = link.replaceAll(m -> Matcher.quoteReplacement("`" + kebab(m.group(1)) + "`"));
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String sentence(String javadoc) {
        String s = text(javadoc);
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private void line(String s) {
        out.append(s).append('\n');
    }

    private static JsonNode read(String resource) {
        try (InputStream in = ConfigurationReference.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing: compile the runtime module first");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
