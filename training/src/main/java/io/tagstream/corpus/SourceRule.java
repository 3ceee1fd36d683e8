package io.tagstream.corpus;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of the bundled {@code real-source-rules.tsv}: files of a package whose path matches a regex are a class
 * in a split (or excluded), with a reason. See {@link SourceRules}.
 *
 * @param packagePattern a package name, or a prefix ending in {@code *}
 * @param path           found (not matched whole) in the file's path inside its package
 * @param decision       speech, music, noise, music-part or exclude
 * @param split          train, dev, by-language or "-"
 * @param source         the source template, {@code {group}} naming a named group of {@code path}; "-" when excluded
 * @param reason         why
 */
record SourceRule(String packagePattern, Pattern path, String decision, String split, String source, String reason) {

    private static final Pattern GROUP = Pattern.compile("\\{([A-Za-z]+)}");
    private static final Set<String> DECISIONS = Set.of("speech", "music", "noise", "music-part", "exclude");
    private static final Set<String> SPLITS = Set.of("train", "dev", "by-language", "-");

    SourceRule {
        if (!DECISIONS.contains(decision)) {
            throw new IllegalArgumentException("unknown class '" + decision + "' (known: " + DECISIONS + ")");
        }
        if (!SPLITS.contains(split)) {
            throw new IllegalArgumentException("unknown split '" + split + "' (known: " + SPLITS + ")");
        }
        if (decision.equals("exclude") != split.equals("-")) {
            throw new IllegalArgumentException("split '-' goes with class 'exclude' and only with it");
        }
    }

    /** True when this rule is about {@code pkg}. */
    boolean appliesTo(String pkg) {
        return packagePattern.endsWith("*")
                ? pkg.startsWith(packagePattern.substring(0, packagePattern.length() - 1))
                : pkg.equals(packagePattern);
    }

    /**
     * The decision for {@code relativePath} of {@code pkg}, if the path matches.
     *
     * @param devLanguages the language codes that are dev wherever they occur (for split {@code by-language})
     */
    Optional<SourceDecision> decide(String pkg, String relativePath, Set<String> devLanguages) {
        Matcher m = path.matcher(relativePath);
        if (!appliesTo(pkg) || !m.find()) {
            return Optional.empty();
        }
        if (decision.equals("exclude")) {
            return Optional.of(SourceDecision.excluded(reason));
        }
        String expanded = expand(m);
        Split s = switch (split) {
            case "train" -> Split.TRAIN;
            case "dev" -> Split.DEV;
            default -> devLanguages.contains(expanded) ? Split.DEV : Split.TRAIN;
        };
        SoundClass c = decision.equals("music-part") ? SoundClass.MUSIC : SoundClass.fromLabel(decision);
        return Optional.of(new SourceDecision(c, decision.equals("music-part"), s, pkg + ":" + expanded, reason));
    }

    private String expand(Matcher m) {
        Matcher g = GROUP.matcher(source);
        StringBuilder out = new StringBuilder();
        while (g.find()) {
            g.appendReplacement(out, Matcher.quoteReplacement(m.group(g.group(1)).toLowerCase(java.util.Locale.ROOT)));
        }
        g.appendTail(out);
        return out.toString();
    }
}
