package io.spdypush.spdy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.notNullValue;

import io.netty.util.Version;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A loud stop for a Netty upgrade: the shared-Inflater header block decoder relies on what package-private
 * methods of Netty's SPDY codec do, which the compiler does not check (see package-info).
 */
class NettyVersionTest {

    /** The versions of netty-codec-http whose SPDY decoder this module was read against and tested with. */
    private static final Set<String> CHECKED = Set.of("4.2.18.Final");

    @Test
    void nettysSpdyCodecIsAVersionThisModuleWasCheckedAgainst() {
        Version codec = Version.identify().get("netty-codec-http");

        assertThat("netty-codec-http's version", codec, notNullValue());
        assertThat("push-spdy overrides package-private methods of Netty's SpdyHeaderBlockRawDecoder and"
                + " SpdyFrameCodec. Read how " + codec.artifactVersion() + " calls decode, endHeaderBlock, end and"
                + " decodeHeaderBlock, and how it reads header blocks and DATA, against"
                + " SharedInflaterHeaderBlockDecoder and LeanSpdyFrameCodec; run push-spdy's and push-rar's tests;"
                + " then add the version to CHECKED and to the package javadoc", codec.artifactVersion(), in(CHECKED));
    }
}
