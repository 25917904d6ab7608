package io.spdypush.bench.attack;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts of what the server answered, for outcomes. */
final class Answers {

    private Answers() {
    }

    /** Answers of one kind by status, e.g. {FRAME_TOO_LARGE=812, REFUSED_STREAM=4}. */
    static Map<String, Long> count(List<SpdyPeer.Answer> answers, String kind) {
        Map<String, Long> counts = new TreeMap<>();
        answers.stream().filter(answer -> answer.kind().equals(kind))
                .forEach(answer -> counts.merge(answer.status(), 1L, Long::sum));
        return counts;
    }
}
