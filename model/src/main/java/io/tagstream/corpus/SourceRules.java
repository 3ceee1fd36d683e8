package io.tagstream.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The decisions of the real-source library, file by file: the bundled {@code real-source-rules.tsv} (package,
 * path regex, class, split, source, reason), first matching rule wins; a file no rule matches is excluded. The
 * rules are explicit paths, not whole packages: sound folders that hold voices, music packages with effects and
 * tracks that are not music are named and left out, each with its reason.
 */
final class SourceRules {

    /**
     * Languages that are dev in every package (speech split by language): Italian (the telephone-band dev voice),
     * Greek, Bulgarian, Ukrainian, Lithuanian, Hungarian.
     */
    static final Set<String> DEV_LANGUAGES = Set.of("it", "el", "bg", "uk", "lt", "hu");
    static final String RESOURCE = "real-source-rules.tsv";

    private final List<SourceRule> rules;

    SourceRules(List<SourceRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The bundled rules. */
    static SourceRules bundled() {
        try (InputStream in = SourceRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new CorpusException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    static SourceRules parse(BufferedReader reader) throws IOException {
        List<SourceRule> rules = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 6) {
                throw new IllegalArgumentException(RESOURCE + " line " + number + ": expected 6 tab-separated fields,"
                        + " got " + f.length);
            }
            try {
                rules.add(new SourceRule(f[0], Pattern.compile(f[1]), f[2], f[3], f[4], f[5]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(RESOURCE + " line " + number + ": " + e.getMessage(), e);
            }
        }
        return new SourceRules(rules);
    }

    /** The decision for the file at {@code relativePath} (forward slashes) inside package {@code pkg}. */
    SourceDecision decide(String pkg, String relativePath) {
        for (SourceRule rule : rules) {
            var decision = rule.decide(pkg, relativePath, DEV_LANGUAGES);
            if (decision.isPresent()) {
                return decision.get();
            }
        }
        return SourceDecision.excluded("no rule");
    }

    /** True when some rule is about {@code pkg}. */
    boolean covers(String pkg) {
        return rules.stream().anyMatch(r -> r.appliesTo(pkg));
    }
}
