// The dashboard's live part: every 2 s it reads /push/api/status/history (same origin, the browser's
// login goes along), refreshes the figures and redraws the charts on their canvases. Drawn here,
// with no chart library, so that the page loads nothing from elsewhere.
(function () {
    "use strict";
    var COLORS = ["#1f77b4", "#2ca02c", "#d62728"];

    function draw(canvas, series, format) {
        var ctx = canvas.getContext("2d"), w = canvas.width, h = canvas.height, pad = 36;
        ctx.clearRect(0, 0, w, h);
        var n = series[0].length, max = 0;
        series.forEach(function (s) { s.forEach(function (v) { max = Math.max(max, v); }); });
        max = max > 0 ? max * 1.1 : 1;
        ctx.strokeStyle = "#ccc";
        ctx.fillStyle = "#555";
        ctx.font = "11px sans-serif";
        ctx.beginPath();
        ctx.moveTo(pad, 4);
        ctx.lineTo(pad, h - 14);
        ctx.lineTo(w - 4, h - 14);
        ctx.stroke();
        ctx.fillText(format(max), 2, 12);
        ctx.fillText("0", 2, h - 14);
        ctx.fillText(n > 1 ? "last " + Math.round(n * 2 / 60 * 10) / 10 + " min" : "", pad + 4, h - 2);
        series.forEach(function (s, i) {
            if (s.length < 1) {
                return;
            }
            ctx.strokeStyle = COLORS[i % COLORS.length];
            ctx.lineWidth = 1.5;
            ctx.beginPath();
            var drawing = false;
            s.forEach(function (v, j) {
                if (v === null) {   // nothing measured then: a gap
                    drawing = false;
                    return;
                }
                var x = pad + (n > 1 ? j * (w - pad - 6) / (n - 1) : 0);
                var y = h - 14 - v / max * (h - 20);
                if (drawing) {
                    ctx.lineTo(x, y);
                } else {
                    ctx.moveTo(x, y);
                    ctx.fillStyle = ctx.strokeStyle;   // a lone measurement still shows
                    ctx.fillRect(x - 1.5, y - 1.5, 3, 3);
                }
                drawing = true;
            });
            ctx.stroke();
        });
        canvas.setAttribute("data-points", String(n));
    }

    function text(id, value) {
        var el = document.getElementById(id);
        if (el) { el.textContent = value; }
    }

    function round(v) { return String(Math.round(v * 10) / 10); }
    function ms(micros) { return (micros / 1000).toFixed(1); }

    // Absolute, from the origin alone: a page opened as http://user:password@host/ resolves relative
    // URLs with the credentials in them, which fetch refuses.
    function historyUrl(root) {
        return location.protocol + "//" + location.host + root.getAttribute("data-history");
    }

    function refresh(root) {
        fetch(historyUrl(root), {headers: {"Accept": "application/json"}, credentials: "same-origin"})
            .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
            .then(function (history) {
                var s = history.samples;
                root.setAttribute("data-samples", String(s.length));
                if (s.length === 0) { return; }
                var last = s[s.length - 1];
                text("sessions-online", last.sessionsOnline);
                text("sent-rate", round(last.sentPerSecond));
                text("acked-rate", round(last.ackedPerSecond));
                text("sent", last.sent);
                text("acknowledged", last.acknowledged);
                text("pending", last.pendingMessages);
                text("refused", last.refused);
                text("latency-p50", ms(last.p50Micros));
                text("latency-p99", ms(last.p99Micros));
                text("recent-p50", last.recentP50Micros === null ? "–" : ms(last.recentP50Micros));
                text("recent-p99", last.recentP99Micros === null ? "–" : ms(last.recentP99Micros));
                function pick(f) { return s.map(f); }
                draw(document.getElementById("chart-sessions"), [pick(function (x) { return x.sessionsOnline; })], round);
                draw(document.getElementById("chart-rates"), [pick(function (x) { return x.sentPerSecond; }),
                    pick(function (x) { return x.ackedPerSecond; }), pick(function (x) { return x.refusedPerSecond; })], round);
                draw(document.getElementById("chart-pending"), [pick(function (x) { return x.pendingMessages; })], round);
                function millis(v) { return v === null ? null : v / 1000; }
                draw(document.getElementById("chart-latency"), [pick(function (x) { return millis(x.recentP50Micros); }),
                    pick(function (x) { return millis(x.recentP99Micros); })], round);
                root.removeAttribute("data-error");
            })
            .catch(function (e) { root.setAttribute("data-error", e.message); });
    }

    document.addEventListener("DOMContentLoaded", function () {
        var root = document.getElementById("dashboard");
        if (!root) { return; }
        refresh(root);
        setInterval(function () { refresh(root); }, 2000);
    });
})();
