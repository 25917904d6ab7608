package io.spdypush.web.pages;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Forbids every browser to show the pages inside a frame of another page: a site that framed the Send page could
 * otherwise lay its own page over it and have the admin click its buttons (clickjacking). Mapped to everything, so
 * that the dashboard opened as the application's root ({@code /push/}, a welcome file) is covered too.
 */
@WebFilter("/*")
public class FramingRefusal extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
        chain.doFilter(request, response);
    }
}
