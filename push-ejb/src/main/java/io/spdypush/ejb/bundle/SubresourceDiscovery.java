package io.spdypush.ejb.bundle;

import org.htmlunit.cssparser.dom.AbstractCSSRuleImpl;
import org.htmlunit.cssparser.dom.CSSFontFaceRuleImpl;
import org.htmlunit.cssparser.dom.CSSImportRuleImpl;
import org.htmlunit.cssparser.dom.CSSStyleDeclarationImpl;
import org.htmlunit.cssparser.dom.CSSStyleRuleImpl;
import org.htmlunit.cssparser.dom.CSSStyleSheetImpl;
import org.htmlunit.cssparser.dom.CSSValueImpl;
import org.htmlunit.cssparser.dom.Property;
import org.htmlunit.cssparser.parser.CSSErrorHandler;
import org.htmlunit.cssparser.parser.CSSException;
import org.htmlunit.cssparser.parser.CSSOMParser;
import org.htmlunit.cssparser.parser.CSSParseException;
import org.htmlunit.cssparser.parser.InputSource;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the sub-resources of a page: in HTML, the images, style sheets and scripts it loads
 * (parsed with jsoup); in CSS, what it imports and the images and fonts it refers to (parsed
 * with HtmlUnit's CSS parser). Only paths of the same server are kept, resolved against the
 * page's own path; other origins and {@code data:} URIs are not ours to push.
 */
final class SubresourceDiscovery {

    private SubresourceDiscovery() {
    }

    /** Whether content of this type may name sub-resources: HTML and CSS. */
    static boolean looksInto(String contentType) {
        return ContentTypes.isHtml(contentType) || ContentTypes.isCss(contentType);
    }

    /** The sub-resource paths of {@code resource}, in document order, without duplicates. */
    static List<String> of(Resource resource) {
        if (!looksInto(resource.contentType())) {
            return List.of();
        }
        String text = new String(resource.body(), StandardCharsets.UTF_8);
        Set<String> found = new LinkedHashSet<>();
        if (ContentTypes.isHtml(resource.contentType())) {
            inHtml(text, resource.path(), found);
        } else {
            inCss(text, resource.path(), found);
        }
        found.remove(resource.path());
        return List.copyOf(found);
    }

    private static void inHtml(String html, String pagePath, Set<String> found) {
        Document page = Jsoup.parse(html);
        for (Element element : page.select("img[src], script[src], link[rel~=(?i)stylesheet][href], "
                + "link[rel~=(?i)icon][href], source[src], video[poster]")) {
            String reference = element.hasAttr("src") ? element.attr("src")
                    : element.hasAttr("href") ? element.attr("href") : element.attr("poster");
            addPath(reference, pagePath, found);
        }
        for (Element style : page.select("style")) {
            inCss(style.data(), pagePath, found);
        }
    }

    private static void inCss(String css, String sheetPath, Set<String> found) {
        CSSOMParser parser = new CSSOMParser();
        parser.setErrorHandler(IGNORE_ERRORS);
        try {
            CSSStyleSheetImpl sheet = parser.parseStyleSheet(new InputSource(new StringReader(css)), sheetPath);
            for (AbstractCSSRuleImpl rule : sheet.getCssRules().getRules()) {
                if (rule instanceof CSSImportRuleImpl importRule) {
                    addPath(importRule.getHref(), sheetPath, found);
                } else if (rule instanceof CSSStyleRuleImpl styleRule) {
                    inDeclarations(styleRule.getStyle(), sheetPath, found);
                } else if (rule instanceof CSSFontFaceRuleImpl fontFace) {
                    inDeclarations(fontFace.getStyle(), sheetPath, found);
                }
            }
        } catch (IOException | CSSException e) {
            // A style sheet that cannot be read has no sub-resources we can name.
        }
    }

    private static void inDeclarations(CSSStyleDeclarationImpl declarations, String sheetPath, Set<String> found) {
        for (Property property : declarations.getProperties()) {
            inValue(property.getValue(), sheetPath, found);
        }
    }

    private static void inValue(CSSValueImpl value, String sheetPath, Set<String> found) {
        if (value == null) {
            return;
        }
        if (value.getPrimitiveType() == CSSValueImpl.CSSPrimitiveValueType.CSS_URI) {
            addPath(value.getStringValue(), sheetPath, found);
        }
        for (int i = 0; i < value.getLength(); i++) {
            inValue(value.item(i), sheetPath, found);
        }
    }

    /** Adds the path that {@code reference}, relative to {@code basePath}, names on this server. */
    private static void addPath(String reference, String basePath, Set<String> found) {
        if (reference == null || reference.isBlank()) {
            return;
        }
        try {
            URI resolved = new URI(null, null, basePath, null).resolve(new URI(reference.trim()));
            if (resolved.getScheme() == null && resolved.getAuthority() == null && resolved.getPath() != null
                    && resolved.getPath().startsWith("/")) {
                found.add(resolved.normalize().getPath());
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // Not a reference we can resolve: not ours to push.
        }
    }

    private static final CSSErrorHandler IGNORE_ERRORS = new CSSErrorHandler() {
        @Override
        public void warning(CSSParseException exception) {
        }

        @Override
        public void error(CSSParseException exception) {
        }

        @Override
        public void fatalError(CSSParseException exception) {
        }
    };
}
