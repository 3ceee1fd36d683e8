package io.tagstream.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How the evaluation groups a corpus's source ids (manifest ids, docs/corpus.md) into sources worth a line of the
 * report: a prompt file counts for its voice ("prompt:es_MX_f_Allison/digits/5.wav" is "prompt:es_MX_f_Allison"),
 * a sonic-pi sample for its family ("sonic-pi:bd_808" is "sonic-pi:bd"); every other id is its own source
 * ("real:btanks-data:effects", "sox-noise:rain", "espeak:nl+m5").
 */
final class SourceGroups {

    private SourceGroups() {
    }

    /** The source of a manifest id. */
    static String of(String id) {
        if (id.startsWith("prompt:") && id.indexOf('/') > 0) {
            return id.substring(0, id.indexOf('/'));
        }
        if (id.startsWith("sonic-pi:") && id.indexOf('_') > 0) {
            return id.substring(0, id.indexOf('_'));
        }
        return id;
    }

    /** The sources of each label, each once, sorted. */
    static Map<String, List<String>> byLabel(Map<String, List<String>> ids) {
        Map<String, List<String>> out = new TreeMap<>();
        ids.forEach((label, list) -> {
            TreeSet<String> groups = new TreeSet<>();
            list.forEach(id -> groups.add(of(id)));
            out.put(label, new ArrayList<>(groups));
        });
        return out;
    }
}
