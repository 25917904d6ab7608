package io.spdypush.web.pages;

import io.spdypush.api.TopicInfo;
import io.spdypush.ejb.PushService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import java.util.List;

/** Backs the topics page: one page of the topics with subscribers, searched by name prefix. */
@Named
@RequestScoped
public class TopicsView {

    static final int PAGE_SIZE = 50;

    @EJB
    private PushService push;

    private String search = "";
    private int page;
    private List<TopicInfo> topics;
    private boolean more;

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search == null ? "" : search.strip();
    }

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = Math.max(0, page);
    }

    public int getFirst() {
        return page * PAGE_SIZE + 1;
    }

    public List<TopicInfo> getTopics() {
        load();
        return topics;
    }

    public boolean isMore() {
        load();
        return more;
    }

    private void load() {
        if (topics == null) {
            List<TopicInfo> found = push.topics(search, page * PAGE_SIZE, PAGE_SIZE + 1);
            more = found.size() > PAGE_SIZE;
            topics = more ? found.subList(0, PAGE_SIZE) : found;
        }
    }
}
