package io.spdypush.ejb.bundle;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

class SubresourceDiscoveryTest {

    @Test
    void findsImagesStyleSheetsAndScriptsOfAPageResolvedAgainstItsPath() {
        Resource page = html("/shop/index.html", """
                <html><head>
                  <link rel="stylesheet" href="css/shop.css"><link rel="icon" href="/favicon.ico">
                  <script src="../lib/app.js"></script><style>body { background: url(bg.png) }</style>
                </head><body>
                  <img src="img/logo.png"><img src="img/logo.png"><img src="https://elsewhere.example/x.png">
                  <img src="data:image/png;base64,AAAA"><img src="//cdn.example/y.png"><a href="other.html">no</a>
                </body></html>""");
        assertThat(SubresourceDiscovery.of(page), contains("/shop/css/shop.css", "/favicon.ico", "/lib/app.js",
                "/shop/img/logo.png", "/shop/bg.png"));
    }

    @Test
    void findsWhatAStyleSheetImportsAndTheImagesAndFontsItUses() {
        Resource sheet = new Resource("/css/site.css", "text/css", """
                @import "base.css";
                @import url('/fonts/fonts.css');
                .hero { background-image: url("../img/hero.jpg"); color: red }
                @font-face { font-family: Inter; src: url(/fonts/inter.woff2) format("woff2") }
                """.getBytes(StandardCharsets.UTF_8), null);
        assertThat(SubresourceDiscovery.of(sheet), contains("/css/base.css", "/fonts/fonts.css", "/img/hero.jpg",
                "/fonts/inter.woff2"));
    }

    @Test
    void otherContentAndBrokenMarkupHaveNoneOrWhatCanBeRead() {
        assertThat(SubresourceDiscovery.of(new Resource("/a.js", "text/javascript", "x()".getBytes(), null)),
                is(empty()));
        assertThat(SubresourceDiscovery.of(html("/p.html", "<img src=a.png><p><div><img src='b.png'>")),
                contains("/a.png", "/b.png"));
        assertThat(SubresourceDiscovery.of(new Resource("/b.css", "text/css", "{{{ url(".getBytes(), null)),
                is(empty()));
    }

    private static Resource html(String path, String html) {
        return Resource.of(path, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }
}
