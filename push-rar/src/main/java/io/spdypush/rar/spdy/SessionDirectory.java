package io.spdypush.rar.spdy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The sessions online, sorted by client id, for the pages and the REST API to page through and
 * search by client-id prefix. A skip list: finding where a page starts costs O(log n), a page of
 * {@code limit} after {@code offset} matches costs O(offset + limit), and nothing is sorted or
 * copied per request, so 100 000 sessions cost one small node each and a lookup stays in
 * microseconds. It is read on the caller's thread (an EJB's), never on an event loop, and its
 * iteration is weakly consistent: a session that comes or goes meanwhile may or may not be listed.
 */
final class SessionDirectory {

    private final ConcurrentSkipListMap<String, PushSession> byClientId = new ConcurrentSkipListMap<>();

    /** The client's session from now on; a session it replaces is forgotten here already. */
    void add(PushSession session) {
        byClientId.put(session.client().clientId(), session);
    }

    /** Forgets {@code session} unless a newer session of the same client has replaced it. */
    void remove(PushSession session) {
        byClientId.remove(session.client().clientId(), session);
    }

    /** The sessions whose client id starts with {@code prefix}, in client-id order, from {@code offset}, at most {@code limit}. */
    List<PushSession> page(String prefix, int offset, int limit) {
        List<PushSession> page = new ArrayList<>(Math.min(Math.max(0, limit), 1024));
        int skipped = 0;
        for (Map.Entry<String, PushSession> entry : byClientId.tailMap(prefix, true).entrySet()) {
            if (page.size() >= limit || !entry.getKey().startsWith(prefix)) {
                break;
            }
            if (skipped < offset) {
                skipped++;
            } else {
                page.add(entry.getValue());
            }
        }
        return page;
    }
}
