package io.spdypush.ejb.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The members of the data grid that are nodes of the push cluster: those that run this application. The grid may
 * hold others. On Payara Server the DAS is a member of the domain's data grid while the application runs on the
 * instances of a deployment group, and Payara Micro instances with other applications may join the same cluster.
 * Those are never called (a call would wait its whole timeout for an answer nobody gives, on every broadcast and
 * every status) and never counted towards the quorum. Each node writes its member id into a map of the grid once
 * it answers calls, and takes it out when it leaves; the entry of a member that left is ignored, and taken out by
 * the nodes that see it go. The push nodes are read from the map (one call to the grid) when the grid's members or
 * the map changed since the last read, so a node that just started sees every other at once. Thread-safe.
 */
final class PushNodes {

    static final String MAP = "spdypush-nodes";

    private final HazelcastInstance grid;
    private final IMap<String, String> nodes;
    /** The push nodes as last read, or null when the grid's members or the map changed since. */
    private volatile List<Member> known;
    /** Changes seen: a read that a change overtook is not kept. */
    private final AtomicLong changes = new AtomicLong();
    private UUID mapListener;
    private UUID membershipListener;

    /** Told of push nodes joining and of members leaving, on the grid's event threads: it must not block. */
    interface NodeListener {

        void joined(String node);

        /** @param wasPushNode whether it was among the push nodes last read (a guess when they were read before) */
        void left(Member member, boolean wasPushNode);
    }

    PushNodes(HazelcastInstance grid) {
        this.grid = grid;
        // It holds only strings; the listeners added to it are removed when the application stops.
        this.nodes = OutsideTheApplication.make("push nodes", () -> grid.getMap(MAP));
    }

    /** Listens to the map and the grid's members until {@link #stop}. */
    void start(NodeListener listener) {
        mapListener = nodes.addEntryListener(new MapChanges(listener), true);
        membershipListener = grid.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                changed();
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                Member left = event.getMember();
                boolean wasPushNode = known().stream().anyMatch(node -> node.getUuid().equals(left.getUuid()));
                changed();
                listener.left(left, wasPushNode);
            }
        });
    }

    void stop() {
        grid.getCluster().removeMembershipListener(membershipListener);
        nodes.removeEntryListener(mapListener);
        nodes.delete(grid.getCluster().getLocalMember().getUuid().toString());
    }

    /** Counts this node, under its member id now, as a push node for every member. */
    void join() {
        Member self = grid.getCluster().getLocalMember();
        nodes.set(self.getUuid().toString(), ClusterQueries.name(self));
        changed();
    }

    /** Takes out the entry of a member that left; returns whether it was still there. */
    boolean forget(UUID member) {
        return nodes.remove(member.toString()) != null;
    }

    /** The members of the grid now that are push nodes, this one included. */
    List<Member> members() {
        List<Member> members = known;
        if (members != null) {
            return members;
        }
        long seen = changes.get();
        Set<Member> grid = this.grid.getCluster().getMembers();
        Map<String, String> registered = nodes.getAll(grid.stream().map(member -> member.getUuid().toString())
                .collect(Collectors.toSet()));
        members = grid.stream().filter(member -> member.localMember()
                || registered.containsKey(member.getUuid().toString())).toList();
        if (changes.get() == seen) {
            known = members;
        }
        return members;
    }

    int count() {
        return members().size();
    }

    private List<Member> known() {
        List<Member> members = known;
        return members == null ? List.of() : members;
    }

    private void changed() {
        changes.incrementAndGet();
        known = null;
    }

    private final class MapChanges implements EntryAddedListener<String, String>,
            EntryRemovedListener<String, String> {

        private final NodeListener listener;

        MapChanges(NodeListener listener) {
            this.listener = listener;
        }

        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            changed();
            listener.joined(event.getValue());
        }

        @Override
        public void entryRemoved(EntryEvent<String, String> event) {
            changed();
        }
    }
}
