/**
 * Netty's SPDY/3.1 frame codec, lean: no Deflater and no Inflater per connection, so that an idle session costs
 * a few KiB rather than the ~60 KiB of zlib state Netty's codec keeps for each.
 * <ul>
 *   <li>{@link io.spdypush.spdy.LeanSpdyFrameCodec} is Netty's {@code SpdyFrameCodec} with the two pieces below,
 *   and drops what a peer sends after a session error;</li>
 *   <li>{@link io.spdypush.spdy.UncompressedHeaderEncoder} writes header blocks as zlib "stored" blocks, which
 *   every SPDY peer inflates, with no compression state at all, and declares the smallest zlib window, so that
 *   the peer need keep only 256 bytes of the stream;</li>
 *   <li>{@code io.netty.handler.codec.spdy.SharedInflaterHeaderBlockDecoder} inflates header blocks with one
 *   Inflater per thread ({@link io.spdypush.spdy.ThreadZlib}), each session keeping only its zlib window
 *   ({@link io.spdypush.spdy.HeaderBlockInflater}), as large as its peer declared, and packed while the peer is
 *   quiet.</li>
 * </ul>
 * The decoder sits in Netty's own package because the methods of {@code SpdyHeaderBlockRawDecoder} it overrides
 * ({@code decode}, {@code endHeaderBlock}, {@code end}) and the parser it calls ({@code decodeHeaderBlock}) are
 * package-private; it works wherever our classes and Netty's share a class loader (the RAR, the bench, the
 * tests). A change of those signatures fails the build; a change of what they do would not, so
 * {@code NettyVersionTest} fails on any Netty version this package was not checked against: checked against
 * Netty 4.2.18.Final.
 */
package io.spdypush.spdy;
