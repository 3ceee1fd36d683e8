package io.tagstream.corpus;

import java.io.BufferedReader;
import java.io.IOException;
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
        return of(BundledTable.read(RESOURCE, 6));
    }

    static SourceRules parse(BufferedReader reader) throws IOException {
        return of(BundledTable.parse(reader, RESOURCE, 6));
    }

    private static SourceRules of(List<BundledTable.Row> rows) {
        List<SourceRule> rules = new ArrayList<>();
        for (BundledTable.Row row : rows) {
            String[] f = row.fields();
            try {
                rules.add(new SourceRule(f[0], Pattern.compile(f[1]), f[2], f[3], f[4], f[5]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(RESOURCE + " line " + row.line() + ": " + e.getMessage(), e);
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
