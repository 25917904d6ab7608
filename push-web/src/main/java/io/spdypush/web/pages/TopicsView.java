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
public class TopicsView extends SearchedPagedView<TopicInfo> {

    @EJB
    private PushService push;

    public List<TopicInfo> getTopics() {
        return rows();
    }

    @Override
    protected List<TopicInfo> fetch(int offset, int limit) {
        return push.topics(getSearch(), offset, limit);
    }
}
