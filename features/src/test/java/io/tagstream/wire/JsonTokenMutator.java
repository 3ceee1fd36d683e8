package io.tagstream.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Structure-aware mutations of valid JSON records for the fuzz tests: a string, number or literal token (keys
 * included) or an innermost object is replaced by a hostile token (wrong types, out-of-range and unparseable
 * numbers, NaN, huge and deep values, escapes of control characters and lone surrogates), a member is deleted or
 * duplicated, or an unknown member is added; a quarter of the results also get a {@link ByteMutator} mutation.
 */
final class JsonTokenMutator {

    /** A JSON string literal; the unrolled loop with possessive quantifiers keeps the regex engine from recursing. */
    private static final String STRING = "\"[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+\"";
    private static final Pattern TOKEN = Pattern.compile(STRING + "|-?[0-9][0-9.eE+-]*+|true|false|null");
    private static final Pattern FLAT_OBJECT = Pattern.compile("\\{[^{}]*+\\}");
    private static final Pattern MEMBER = Pattern.compile(STRING + ":(?:" + STRING + "|[^,{}]++),?");
    private static final List<String> HOSTILE_TOKENS = List.of(
            "null", "true", "false", "0", "-0", "-1", "1", "0.5", "1.5", "-0.0", "1e2", "1e999", "-1e999", "1e-999",
            "1e2147483648", "0e-2147483648", "1E-2147483647", "9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "-9223372036854775809", "123456789012345678901234567890", "1.4E-45", "3.4028235E38",
            "0.30000001192092896", "NaN", "Infinity", "-Infinity", "\"\"", "\"x\"", "\"\\u0000\"", "\"\\ud800\"",
            "\"\\udc00\\ud800\"", "\"speech\"", "\"silence\"", "\"\\n\"", "[]", "{}", "{\"a\":1}", "[1,2]", "{\"speech\":0.5}",
            "\"" + "x".repeat(300) + "\"", "[".repeat(3000) + "]".repeat(3000), "{\"a\":".repeat(2000) + "1" + "}".repeat(2000),
            "1" + "0".repeat(2000), "0." + "0".repeat(2000) + "1");

    private final Random random;
    private final ByteMutator bytes;
    private final List<byte[]> validRecords;

    JsonTokenMutator(Random random, List<byte[]> validRecords) {
        this.random = random;
        this.validRecords = validRecords;
        this.bytes = new ByteMutator(random, validRecords);
    }

    byte[] next() {
        byte[] record = validRecords.get(random.nextInt(validRecords.size()));
        String json = new String(record, StandardCharsets.UTF_8);
        int mutations = 1 + random.nextInt(2);
        for (int i = 0; i < mutations; i++) {
            json = mutate(json);
        }
        byte[] mutated = json.getBytes(StandardCharsets.UTF_8);
        return random.nextInt(4) == 0 ? bytes.mutate(mutated) : mutated;
    }

    private String mutate(String json) {
        switch (random.nextInt(7)) {
            case 0, 1, 2:
                return replaceRandom(json, TOKEN, HOSTILE_TOKENS.get(random.nextInt(HOSTILE_TOKENS.size())));
            case 6:
                return replaceRandom(json, FLAT_OBJECT, HOSTILE_TOKENS.get(random.nextInt(HOSTILE_TOKENS.size())));
            case 3:
                return replaceRandom(json, MEMBER, "");
            case 4:
                Match member = choose(json, MEMBER);
                String duplicate = member == null ? "" : member.text.replaceFirst(",$", "") + ",";
                return member == null ? json : json.substring(0, member.start) + duplicate + json.substring(member.start);
            default:
                int brace = json.indexOf('{');
                return brace < 0 ? json
                        : json.substring(0, brace + 1) + "\"extra\":" + HOSTILE_TOKENS.get(random.nextInt(10)) + ","
                        + json.substring(brace + 1);
        }
    }

    private String replaceRandom(String json, Pattern pattern, String replacement) {
        Match choice = choose(json, pattern);
        return choice == null ? json : json.substring(0, choice.start) + replacement + json.substring(choice.end);
    }

    private Match choose(String json, Pattern pattern) {
        List<Match> matches = new ArrayList<>();
        Matcher matcher = pattern.matcher(json);
        while (matcher.find()) {
            matches.add(new Match(matcher.start(), matcher.end(), matcher.group()));
        }
        return matches.isEmpty() ? null : matches.get(random.nextInt(matches.size()));
    }

    private record Match(int start, int end, String text) {
    }
}
