package io.spdypush.ejb.bundle;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ResourcePathTest {

    @Test
    void everySpellingOfAPathNormalisesToOne() {
        for (String alias : new String[]{"/a/b.css", "//a/b.css", "/a//b.css", "/./a/b.css", "/a/./b.css",
                "/x/../a/b.css", "/a/b.css/", "/a/x/y/../../b.css"}) {
            assertThat(alias, ResourcePath.normalised(alias), is("/a/b.css"));
        }
        assertThat(ResourcePath.normalised("/"), is("/"));
        assertThat(ResourcePath.normalised("/x/.."), is("/"));
        assertThat("not decoded: no other spelling", ResourcePath.normalised("/%2e%2e/a"), is("/%2e%2e/a"));
        assertThat("a name with dots is a name", ResourcePath.normalised("/...a/..b"), is("/...a/..b"));
    }

    @Test
    void aPathAboveTheRootOrWithANulOrABackslashIsRefused() {
        for (String outside : new String[]{"/..", "/../a", "/a/../../b", "/a\0.html", "/a\\..\\..\\b"}) {
            assertThrows(ResourcePath.OutsideTheRoot.class, () -> ResourcePath.normalised(outside), outside);
        }
    }
}
