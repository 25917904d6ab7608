package io.netty.handler.codec.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.spdypush.spdy.LeanSpdyFrameCodec;
import io.spdypush.testing.TrackingAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.Deflater;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Header blocks compressed by independent zlib compressors reach the handlers as Netty's own decoder
 * would deliver them, through the lean frame codec, and streams the decoder cannot follow are
 * session errors.
 */
class SharedInflaterHeaderBlockDecoderTest {

    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final String VALUE_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789-_./;=, ";

    private final EmbeddedChannel server = new EmbeddedChannel(new LeanSpdyFrameCodec(MAX_HEADER_BYTES, true));

    @AfterEach
    void closeChannels() {
        server.finishAndReleaseAll();
    }

    static Stream<Arguments> compressorSettings() {
        return Stream.of(
                arguments("default", Deflater.DEFAULT_COMPRESSION, Deflater.DEFAULT_STRATEGY),
                arguments("best compression", Deflater.BEST_COMPRESSION, Deflater.DEFAULT_STRATEGY),
                arguments("Huffman only", Deflater.DEFAULT_COMPRESSION, Deflater.HUFFMAN_ONLY),
                arguments("filtered", Deflater.DEFAULT_COMPRESSION, Deflater.FILTERED),
                arguments("no compression", Deflater.NO_COMPRESSION, Deflater.DEFAULT_STRATEGY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressorSettings")
    void readsHundredsOfHeaderBlocksOfOneSessionWhileTheWindowSlides(String setting, int level, int strategy) {
        DeflatingSpdyPeer client = new DeflatingSpdyPeer(level, strategy);
        Random random = new Random(setting.hashCode());

        for (int streamId = 1; streamId < 2 * 400; streamId += 2) {
            Map<String, String> headers = clientLikeHeaders(random);
            server.writeInbound(client.synStream(streamId, headers));
            assertThat(headersOf(server.readInbound()), is(headers));
        }
        assertThat("inflated bytes, four windows and more", client.rawBytes(), greaterThan(4L * 32 * 1024));
    }

    @Test
    void followsBackReferencesOverNearlyTheWholeWindowAsZlibWritesThem() {
        DeflatingSpdyPeer client = new DeflatingSpdyPeer(Deflater.BEST_COMPRESSION, Deflater.DEFAULT_STRATEGY);
        String filler = randomValue(new Random(7), 32_000);
        server.writeInbound(client.synStream(1, Map.of("x-filler", filler)));
        assertThat(headersOf(server.readInbound()).get("x-filler"), is(filler));

        Map<String, String> echo = Map.of("x-echo", filler.substring(0, 2_000));
        byte[] echoBlock = client.headerBlock(echo, Deflater.SYNC_FLUSH);
        server.writeInbound(DeflatingSpdyPeer.synStream(3, echoBlock));

        assertThat(headersOf(server.readInbound()), is(echo));
        assertThat("compressed by referring back about 32 000 bytes", echoBlock.length, lessThan(100));
    }

    @Test
    void followsBackReferencesIntoTheFarEndOfTheDictionaryAsZlibWritesThem() {
        DeflatingSpdyPeer client = new DeflatingSpdyPeer(Deflater.BEST_COMPRESSION, Deflater.DEFAULT_STRATEGY);
        server.writeInbound(client.synStream(1, Map.of("x-filler", randomValue(new Random(7), 31_000))));
        server.readInbound();

        // Words from the start of the SPDY dictionary, which now begins about 32 450 bytes back.
        Map<String, String> dictionaryWords = Map.of("x-words", "options head post put delete trace accept-charset"
                + " accept-encoding accept-language accept-ranges authorization cache-control connection");
        byte[] wordsBlock = client.headerBlock(dictionaryWords, Deflater.SYNC_FLUSH);
        server.writeInbound(DeflatingSpdyPeer.synStream(3, wordsBlock));

        assertThat(headersOf(server.readInbound()), is(dictionaryWords));
        DeflatingSpdyPeer pushedOut = new DeflatingSpdyPeer(Deflater.BEST_COMPRESSION, Deflater.DEFAULT_STRATEGY);
        pushedOut.headerBlock(Map.of("x-filler", randomValue(new Random(7), 33_000)), Deflater.SYNC_FLUSH);
        assertThat("compressed by referring to the dictionary, which a longer filler pushes out of reach",
                wordsBlock.length, lessThan(pushedOut.headerBlock(dictionaryWords, Deflater.SYNC_FLUSH).length));
    }

    @Test
    void followsABackReferenceOfTheFull32KiBIntoEarlierHeaderBlocks() {
        // The first block inflates to exactly 32 KiB, 20 bytes of framing and the filler.
        server.writeInbound(DeflatingSpdyPeer.synStream(1, declaringTheFullWindow(uncompressedHeaderBlock(
                Map.of("x-filler", randomValue(new Random(11), 32_768 - 20))))));
        server.readInbound();

        // The second block starts with the first's header count and name length, copied from 32 KiB back.
        byte[] echo = DeflatingSpdyPeer.nameValues(Map.of("x-filler", "echo"));
        byte[] block = new FixedHuffmanBlock().copyFromTheFarEndOfTheWindow(8)
                .literals(Arrays.copyOfRange(echo, 8, echo.length)).syncFlushed();
        server.writeInbound(DeflatingSpdyPeer.synStream(3, block));

        assertThat(headersOf(server.readInbound()), is(Map.of("x-filler", "echo")));
    }

    @Test
    void followsABackReferenceOfTheFull32KiBIntoTheDictionary() {
        byte[] dictionary = SpdyCodecUtil.SPDY_DICT;
        // The length field of the dictionary's "head", 0 0 0 4, will be the second block's header count.
        int fourAt = new String(dictionary, StandardCharsets.ISO_8859_1).indexOf("\0\0\0\4head");
        // 32 KiB before the second block: the dictionary from there on, then the first block's framing and filler.
        int fillerLength = 32_768 - (dictionary.length - fourAt) - 20;
        server.writeInbound(DeflatingSpdyPeer.synStream(1, declaringTheFullWindow(uncompressedHeaderBlock(
                Map.of("x-filler", randomValue(new Random(13), fillerLength))))));
        server.readInbound();

        Map<String, String> fourHeaders = new LinkedHashMap<>();
        fourHeaders.put(":method", "POST");
        fourHeaders.put(":path", "/ack");
        fourHeaders.put(":version", "HTTP/1.1");
        fourHeaders.put("push-ack", "42");
        byte[] nameValues = DeflatingSpdyPeer.nameValues(fourHeaders);
        byte[] block = new FixedHuffmanBlock().copyFromTheFarEndOfTheWindow(4)
                .literals(Arrays.copyOfRange(nameValues, 4, nameValues.length)).syncFlushed();
        server.writeInbound(DeflatingSpdyPeer.synStream(3, block));

        assertThat(headersOf(server.readInbound()), is(fourHeaders));
    }

    @Test
    void aBackReferenceBeyondTheWindowItsSenderDeclaredIsAProtocolError() {
        // Our encoder declares the smallest window, 256 bytes: the first block is far longer.
        server.writeInbound(uncompressedSynStream(1, Map.of("x-filler", randomValue(new Random(11), 1_000))));
        server.readInbound();

        byte[] echo = DeflatingSpdyPeer.nameValues(Map.of("x-filler", "echo"));
        byte[] block = new FixedHuffmanBlock().copyFromTheFarEndOfTheWindow(8)
                .literals(Arrays.copyOfRange(echo, 8, echo.length)).syncFlushed();
        SpdyProtocolException error = assertThrows(SpdyProtocolException.class,
                () -> server.writeInbound(DeflatingSpdyPeer.synStream(3, block)));
        assertThat(error.getMessage(), containsString("invalid distance too far back"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressorSettings")
    void aQuietSessionsWindowIsPackedAndTheNextBlocksReferToItAsBefore(String setting, int level, int strategy) {
        DeflatingSpdyPeer client = new DeflatingSpdyPeer(level, strategy);
        int streamId = 1;
        for (int quietSpells = 0; quietSpells < 3; quietSpells++) {
            for (int ack = 0; ack < 300; ack++, streamId += 2) {
                Map<String, String> headers = acknowledgement(streamId);
                server.writeInbound(client.synStream(streamId, headers));
                assertThat(headersOf(server.readInbound()), is(headers));
            }
            assertThat("the window of a session sending header blocks", codec().peerHeaderWindowBytes(),
                    is(32 * 1024));

            for (int check = 0; check < 2; check++) {
                server.advanceTimeBy(LeanSpdyFrameCodec.QUIET_NANOS, TimeUnit.NANOSECONDS);
                server.runScheduledPendingTasks();
            }

            assertThat("packed once the session was quiet", codec().peerHeaderWindowBytes(), lessThan(2 * 1024));
        }
    }

    @Test
    void aSessionSendingHeaderBlocksKeepsItsWindowAsItIs() {
        DeflatingSpdyPeer client = new DeflatingSpdyPeer(Deflater.DEFAULT_COMPRESSION, Deflater.DEFAULT_STRATEGY);
        Random random = new Random(5);
        for (int streamId = 1; streamId < 2 * 40; streamId += 2) {
            server.writeInbound(client.synStream(streamId, clientLikeHeaders(random)));
            server.readInbound();
            server.advanceTimeBy(LeanSpdyFrameCodec.QUIET_NANOS / 2, TimeUnit.NANOSECONDS);
            server.runScheduledPendingTasks();
        }
        assertThat("not packed: never quiet for long", codec().peerHeaderWindowBytes(), greaterThan(4 * 1024));
    }

    @Test
    void readsHeaderBlocksThatArriveByteByByte() {
        DeflatingSpdyPeer client = new DeflatingSpdyPeer(Deflater.DEFAULT_COMPRESSION, Deflater.DEFAULT_STRATEGY);
        Random random = new Random(3);

        for (int streamId = 1; streamId < 2 * 20; streamId += 2) {
            Map<String, String> headers = clientLikeHeaders(random);
            ByteBuf frame = client.synStream(streamId, headers);
            while (frame.isReadable()) {
                server.writeInbound(frame.readRetainedSlice(1));
            }
            frame.release();
            assertThat(headersOf(server.readInbound()), is(headers));
        }
    }

    @Test
    void twoSessionsOnOneThreadDoNotDisturbEachOther() {
        EmbeddedChannel otherServer = new EmbeddedChannel(new LeanSpdyFrameCodec(MAX_HEADER_BYTES, true));
        DeflatingSpdyPeer client = new DeflatingSpdyPeer(Deflater.DEFAULT_COMPRESSION, Deflater.DEFAULT_STRATEGY);
        DeflatingSpdyPeer otherClient = new DeflatingSpdyPeer(Deflater.BEST_COMPRESSION, Deflater.FILTERED);
        Random random = new Random(5);

        for (int streamId = 1; streamId < 2 * 200; streamId += 2) {
            Map<String, String> headers = clientLikeHeaders(random);
            Map<String, String> otherHeaders = clientLikeHeaders(random);
            ByteBuf frame = client.synStream(streamId, headers);
            // Half a header block waits while the other session's block goes through the thread's Inflater.
            server.writeInbound(frame.readRetainedSlice(frame.readableBytes() / 2));
            otherServer.writeInbound(otherClient.synStream(streamId, otherHeaders));
            server.writeInbound(frame);

            assertThat(headersOf(server.readInbound()), is(headers));
            assertThat(headersOf(otherServer.readInbound()), is(otherHeaders));
        }
        otherServer.finishAndReleaseAll();
    }

    @Test
    void readsNettysOwnZlibHeaderEncoder() {
        EmbeddedChannel client = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1, 8192, 16384, 6, 15, 8));
        Random random = new Random(17);

        for (int streamId = 1; streamId < 2 * 100; streamId += 2) {
            Map<String, String> headers = clientLikeHeaders(random);
            SpdySynStreamFrame frame = new DefaultSpdySynStreamFrame(streamId, 0, (byte) 0);
            headers.forEach(frame.headers()::set);
            client.writeOutbound(frame);
            passOutbound(client, server);
            assertThat(headersOf(server.readInbound()), is(headers));
        }
        client.finishAndReleaseAll();
    }

    @Test
    void readsOurUncompressedHeaderEncoderIncludingABlockOverOneStoredBlock() {
        EmbeddedChannel client = new EmbeddedChannel(new LeanSpdyFrameCodec(MAX_HEADER_BYTES, true));
        String large = randomValue(new Random(19), 40_000);
        Map<String, String> small = Map.of(":method", "POST", ":path", "/ack", "push-ack", "42");
        Map<String, String> overOneStoredBlock = Map.of("x-first", large, "x-second", large.toUpperCase());

        for (Map<String, String> headers : Arrays.asList(small, overOneStoredBlock, small)) {
            SpdySynStreamFrame frame = new DefaultSpdySynStreamFrame(1, 0, (byte) 0);
            headers.forEach(frame.headers()::set);
            client.writeOutbound(frame);
        }
        EmbeddedChannel largeServer = new EmbeddedChannel(new LeanSpdyFrameCodec(2 * MAX_HEADER_BYTES, true));
        passOutbound(client, largeServer);

        assertThat(headersOf(largeServer.readInbound()), is(small));
        assertThat(headersOf(largeServer.readInbound()), is(overOneStoredBlock));
        assertThat(headersOf(largeServer.readInbound()), is(small));
        client.finishAndReleaseAll();
        largeServer.finishAndReleaseAll();
    }

    @Test
    void anEmptyHeaderBlockIsAnInvalidFrameAsInNettyAndTheStreamStartsWithTheNextBlock() {
        DeflatingSpdyPeer client = new DeflatingSpdyPeer(Deflater.DEFAULT_COMPRESSION, Deflater.DEFAULT_STRATEGY);
        server.writeInbound(DeflatingSpdyPeer.synStream(1, new byte[0]));
        SpdySynStreamFrame empty = server.readInbound();
        assertThat(empty.isInvalid(), is(true));

        Map<String, String> headers = Map.of(":method", "GET", ":path", "/push");
        server.writeInbound(client.synStream(3, headers));
        assertThat(headersOf(server.readInbound()), is(headers));
    }

    @Test
    void aNameOrValueOverTheLimitTruncatesTheFrameAsInNettyAndTheSessionGoesOn() {
        EmbeddedChannel smallServer = new EmbeddedChannel(new LeanSpdyFrameCodec(1024, true));
        EmbeddedChannel nettyServer = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1, 8192, 1024, 6, 15, 8));
        DeflatingSpdyPeer client = new DeflatingSpdyPeer(Deflater.DEFAULT_COMPRESSION, Deflater.DEFAULT_STRATEGY);
        byte[] tooLarge = client.headerBlock(Map.of("x-large", "x".repeat(2_000)), Deflater.SYNC_FLUSH);
        Map<String, String> next = Map.of(":method", "POST", ":path", "/ack");
        byte[] nextBlock = client.headerBlock(next, Deflater.SYNC_FLUSH);

        for (EmbeddedChannel channel : Arrays.asList(smallServer, nettyServer)) {
            channel.writeInbound(DeflatingSpdyPeer.synStream(1, tooLarge), DeflatingSpdyPeer.synStream(3, nextBlock));
            SpdySynStreamFrame truncated = channel.readInbound();
            assertThat(truncated.isTruncated(), is(true));
            assertThat(truncated.isInvalid(), is(false));
            assertThat(headersOf(channel.readInbound()), is(next));
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aBlockInflatingToMoreThanTwiceTheLimitIsAProtocolError() {
        EmbeddedChannel smallServer = new EmbeddedChannel(new LeanSpdyFrameCodec(1024, true));
        DeflatingSpdyPeer client = new DeflatingSpdyPeer(Deflater.DEFAULT_COMPRESSION, Deflater.DEFAULT_STRATEGY);

        SpdyProtocolException error = assertThrows(SpdyProtocolException.class, () -> smallServer.writeInbound(
                client.synStream(1, Map.of("x-large", "x".repeat(2_100)))));

        assertThat(error.getMessage(), is("Decompressed header block exceeds 2048 bytes"));
        assertThat(smallServer.readInbound(), is(nullValue()));
        smallServer.finishAndReleaseAll();
    }

    @Test
    void aBlockCompressedToMoreThanTwiceTheLimitIsAProtocolError() {
        EmbeddedChannel smallServer = new EmbeddedChannel(new LeanSpdyFrameCodec(1024, true));
        DeflatingSpdyPeer client = new DeflatingSpdyPeer(Deflater.NO_COMPRESSION, Deflater.DEFAULT_STRATEGY);
        ByteBuf frame = client.synStream(1, Map.of("x-large", randomValue(new Random(23), 20_000)));

        SpdyProtocolException error = assertThrows(SpdyProtocolException.class, () -> {
            while (frame.isReadable()) {
                smallServer.writeInbound(frame.readRetainedSlice(Math.min(4096, frame.readableBytes())));
            }
        });

        assertThat(error.getMessage(), is("Compressed header block exceeds 2048 bytes"));
        frame.release();
        assertThat(smallServer.readInbound(), is(nullValue()));
        smallServer.finishAndReleaseAll();
    }

    @Test
    void anUpperCaseNameWithAnEmptyValueMakesTheFrameInvalidAsWithAnyValueAndTheSessionGoesOn() {
        DeflatingSpdyPeer client = new DeflatingSpdyPeer(Deflater.DEFAULT_COMPRESSION, Deflater.DEFAULT_STRATEGY);
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put(":path", "/push");
        refused.put("Push-Client", "");
        refused.put("x-after", "more to inflate after the refused name");

        server.writeInbound(client.synStream(1, refused), client.synStream(3, Map.of(":path", "/next")));

        SpdySynStreamFrame invalid = server.readInbound();
        assertThat(invalid.streamId(), is(1));
        assertThat("a stream error, as Netty makes it for a non-empty value", invalid.isInvalid(), is(true));
        SpdySynStreamFrame next = server.readInbound();
        assertThat(next.isInvalid(), is(false));
        assertThat(next.headers().getAsString(":path"), is("/next"));
    }

    @Test
    void aHeaderBlockBegunInTheReadThatClosedTheChannelIsNotKept() {
        TrackingAllocator alloc = new TrackingAllocator();
        EmbeddedChannel closing = new EmbeddedChannel();
        closing.config().setAllocator(alloc);
        closing.pipeline().addLast(new LeanSpdyFrameCodec(MAX_HEADER_BYTES, true), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object frame) {
                ctx.close(); // As Netty's session handler does after the GOAWAY of a session error.
            }
        });
        DeflatingSpdyPeer client = new DeflatingSpdyPeer(Deflater.DEFAULT_COMPRESSION, Deflater.DEFAULT_STRATEGY);
        ByteBuf first = client.synStream(1, Map.of(":path", "/push"));
        ByteBuf second = client.synStream(3, Map.of(":path", "/next", "x-more", "x".repeat(100)));
        ByteBuf read = alloc.heapBuffer().writeBytes(first).writeBytes(second, second.readableBytes() - 20);
        first.release();
        second.release();

        closing.writeInbound(read);
        closing.finishAndReleaseAll();

        assertThat("unreleased buffers", alloc.unreleased(), is(0L));
    }

    @Test
    void aStreamWithoutTheZlibHeaderIsAProtocolError() {
        DeflatingSpdyPeer rawClient = new DeflatingSpdyPeer(new Deflater(Deflater.DEFAULT_COMPRESSION, true),
                Deflater.DEFAULT_STRATEGY, SpdyCodecUtil.SPDY_DICT);

        assertProtocolError(rawClient.headerBlock(Map.of(":path", "/push"), Deflater.SYNC_FLUSH),
                "do not start with a zlib header");
    }

    @Test
    void aStreamWithoutTheSpdyDictionaryIsAProtocolError() {
        DeflatingSpdyPeer client = new DeflatingSpdyPeer(new Deflater(), Deflater.DEFAULT_STRATEGY, null);

        assertProtocolError(client.headerBlock(Map.of(":path", "/push"), Deflater.SYNC_FLUSH), "no FDICT flag");
    }

    @Test
    void aStreamWithAnotherDictionaryIsAProtocolError() {
        DeflatingSpdyPeer client = new DeflatingSpdyPeer(new Deflater(), Deflater.DEFAULT_STRATEGY,
                "another dictionary".getBytes(StandardCharsets.US_ASCII));

        assertProtocolError(client.headerBlock(Map.of(":path", "/push"), Deflater.SYNC_FLUSH),
                "not with the SPDY/3 one (0xe3c6a7c2)");
    }

    @Test
    void aFirstBlockShorterThanTheZlibHeaderIsAProtocolError() {
        assertProtocolError(new byte[] {0x78, (byte) 0xbb, (byte) 0xe3}, "too few for the zlib header");
    }

    @Test
    void garbageAfterTheZlibHeaderIsAProtocolError() {
        byte[] zlibHeader = uncompressedHeaderBlock(Map.of(":path", "/push"));
        byte[] garbage = Arrays.copyOf(zlibHeader, 6 + 8);
        Arrays.fill(garbage, 6, garbage.length, (byte) 0xff); // BTYPE 11, which deflate reserves

        assertProtocolError(garbage, "Received invalid header block: invalid block type");
    }

    @Test
    void aHeaderBlockWithoutSyncFlushIsAProtocolError() {
        DeflatingSpdyPeer client = new DeflatingSpdyPeer(Deflater.DEFAULT_COMPRESSION, Deflater.DEFAULT_STRATEGY);
        // Large enough that the Deflater lets some of it out before being flushed.
        byte[] unflushed = client.headerBlock(Map.of("x-large", randomValue(new Random(29), 20_000)), Deflater.NO_FLUSH);
        assertThat(unflushed.length, greaterThan(6));

        assertProtocolError(unflushed, "does not end with a zlib sync flush");
    }

    @Test
    void aHeaderBlockCutShortOfItsSyncFlushIsAProtocolError() {
        DeflatingSpdyPeer client = new DeflatingSpdyPeer(Deflater.DEFAULT_COMPRESSION, Deflater.DEFAULT_STRATEGY);
        byte[] block = client.headerBlock(Map.of(":method", "POST", ":path", "/ack"), Deflater.SYNC_FLUSH);

        assertProtocolError(Arrays.copyOf(block, block.length - 2), "does not end with a zlib sync flush");
    }

    @Test
    void everyCutOfAHeaderBlockIsRejectedUnlessItEndsBetweenDeflateBlocksAfterAllItsData() {
        Map<String, String> headers = Map.of(":method", "POST", ":path", "/ack", "push-ack", "42", "x-r", "abcabcabc");
        byte[] compressed = new DeflatingSpdyPeer(Deflater.DEFAULT_COMPRESSION, Deflater.DEFAULT_STRATEGY)
                .headerBlock(headers, Deflater.SYNC_FLUSH);
        byte[] stored = uncompressedHeaderBlock(headers);
        int accepted = 0;

        for (byte[] block : Arrays.asList(compressed, stored)) {
            // From the first byte of deflate data on; the zlib header alone is a valid, empty, stream.
            for (int length = 7; length < block.length; length++) {
                EmbeddedChannel cutServer = new EmbeddedChannel(new LeanSpdyFrameCodec(MAX_HEADER_BYTES, true));
                try {
                    cutServer.writeInbound(DeflatingSpdyPeer.synStream(1, Arrays.copyOf(block, length)));
                    assertThat("cut at " + length + " of " + block.length, headersOf(cutServer.readInbound()), is(headers));
                    accepted++;
                } catch (Exception e) {
                    assertThat(e.getClass(), is(SpdyProtocolException.class));
                } finally {
                    cutServer.finishAndReleaseAll();
                }
            }
        }
        assertThat("only the stored block without its trailing empty block", accepted, is(1));
    }

    @Test
    void aHeaderBlockThatEndsTheZlibStreamIsAProtocolError() {
        DeflatingSpdyPeer client = new DeflatingSpdyPeer(Deflater.DEFAULT_COMPRESSION, Deflater.DEFAULT_STRATEGY);

        assertProtocolError(client.headerBlock(Map.of(":path", "/push"), -1), "ends the zlib stream");
    }

    @Test
    void afterAnUnreadableHeaderBlockEveryLaterOneIsAProtocolError() {
        DeflatingSpdyPeer client = new DeflatingSpdyPeer(Deflater.DEFAULT_COMPRESSION, Deflater.DEFAULT_STRATEGY);
        byte[] first = client.headerBlock(Map.of(":path", "/push"), Deflater.SYNC_FLUSH);
        byte[] second = client.headerBlock(Map.of(":path", "/ack"), Deflater.SYNC_FLUSH);

        assertProtocolError(Arrays.copyOf(first, first.length - 1), "does not end with a zlib sync flush");
        assertProtocolError(second, "an earlier header block of this session could not be read");
    }

    @Test
    void headerBlocksLeftInTheReadBufferWhenTheChannelClosesAreDroppedUnread() {
        DeflatingSpdyPeer client = new DeflatingSpdyPeer(Deflater.DEFAULT_COMPRESSION, Deflater.DEFAULT_STRATEGY);
        List<Object> seen = new ArrayList<>();
        EmbeddedChannel closing = new EmbeddedChannel(new LeanSpdyFrameCodec(MAX_HEADER_BYTES, true),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        seen.add(msg);
                        ctx.close();
                    }
                });
        ByteBuf twoFrames = Unpooled.wrappedBuffer(client.synStream(1, Map.of(":path", "/push")),
                client.synStream(3, Map.of(":path", "/ack")));

        closing.writeInbound(twoFrames);

        assertThat("the frame after the close is not read", seen.size(), is(1));
        closing.finishAndReleaseAll();
        // NettyLeakDetection fails the test if the second block's gathered bytes were kept.
    }

    @Test
    void afterAGoAwayForAnErrorTheRestOfTheReadBufferIsNotDecoded() {
        DeflatingSpdyPeer client = new DeflatingSpdyPeer(Deflater.DEFAULT_COMPRESSION, Deflater.DEFAULT_STRATEGY);
        List<Object> seen = new ArrayList<>();
        EmbeddedChannel failing = new EmbeddedChannel(new LeanSpdyFrameCodec(MAX_HEADER_BYTES, true),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        seen.add(msg);
                        ctx.writeAndFlush(new DefaultSpdyGoAwayFrame(0, SpdySessionStatus.PROTOCOL_ERROR));
                    }
                });
        ByteBuf frames = Unpooled.wrappedBuffer(client.synStream(1, Map.of(":path", "/push")),
                client.synStream(3, Map.of(":path", "/ack")), client.synStream(5, Map.of(":path", "/ack")));

        failing.writeInbound(frames);
        failing.writeInbound(client.synStream(7, Map.of(":path", "/ack")));

        assertThat("nothing after the GOAWAY is read", seen.size(), is(1));
        failing.finishAndReleaseAll();
    }

    private void assertProtocolError(byte[] headerBlock, String message) {
        SpdyProtocolException error = assertThrows(SpdyProtocolException.class,
                () -> server.writeInbound(DeflatingSpdyPeer.synStream(1, headerBlock)));
        assertThat(error.getMessage(), containsString(message));
        assertThat("no frame passed on", server.readInbound(), is(nullValue()));
    }

    /** What our client sends (ClientFrames), with extra headers of random length and content. */
    private static Map<String, String> clientLikeHeaders(Random random) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":method", random.nextBoolean() ? "POST" : "GET");
        headers.put(":path", random.nextInt(4) == 0 ? "/" + randomValue(random, random.nextInt(60)) : "/ack");
        headers.put(":version", "HTTP/1.1");
        headers.put(":host", "push.example.com:8443");
        headers.put(":scheme", "https");
        headers.put("push-ack", Long.toString(random.nextLong() & Long.MAX_VALUE));
        for (int extra = random.nextInt(4); extra > 0; extra--) {
            headers.put("x-extra-" + extra, randomValue(random, random.nextInt(500)));
        }
        return headers;
    }

    /** What a client's acknowledgement looks like: the same headers each time, but for the seq. */
    private static Map<String, String> acknowledgement(long seq) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":method", "POST");
        headers.put(":path", "/ack");
        headers.put(":version", "HTTP/1.1");
        headers.put(":host", "push.example.com:8443");
        headers.put(":scheme", "https");
        headers.put("push-ack", Long.toString(1_796_487_830_000_000L + seq));
        headers.put("user-agent", "okhttp/2.7.5");
        return headers;
    }

    private static String randomValue(Random random, int length) {
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(VALUE_CHARACTERS.charAt(random.nextInt(VALUE_CHARACTERS.length())));
        }
        return value.toString();
    }

    private LeanSpdyFrameCodec codec() {
        return (LeanSpdyFrameCodec) server.pipeline().first();
    }

    /** The first header block of a stream, declaring the 32 KiB window zlib compressors declare. */
    private static byte[] declaringTheFullWindow(byte[] firstHeaderBlock) {
        firstHeaderBlock[0] = 0x78;
        firstHeaderBlock[1] = 0x20; // 0x7820 % 31 == 0
        return firstHeaderBlock;
    }

    /** The first header block of a session whose header blocks our encoder writes. */
    private static byte[] uncompressedHeaderBlock(Map<String, String> headers) {
        EmbeddedChannel client = new EmbeddedChannel(new LeanSpdyFrameCodec(MAX_HEADER_BYTES, true));
        SpdySynStreamFrame frame = new DefaultSpdySynStreamFrame(1, 0, (byte) 0);
        headers.forEach(frame.headers()::set);
        client.writeOutbound(frame);
        ByteBuf written = client.readOutbound();
        byte[] headerBlock = new byte[written.readableBytes() - 18]; // 8 bytes of frame header, 10 of SYN_STREAM
        written.getBytes(18, headerBlock);
        written.release();
        client.finishAndReleaseAll();
        return headerBlock;
    }

    private static ByteBuf uncompressedSynStream(int streamId, Map<String, String> headers) {
        return DeflatingSpdyPeer.synStream(streamId, uncompressedHeaderBlock(headers));
    }

    private static void passOutbound(EmbeddedChannel from, EmbeddedChannel to) {
        for (ByteBuf bytes = from.readOutbound(); bytes != null; bytes = from.readOutbound()) {
            to.writeInbound(bytes);
        }
    }

    /** A received frame's headers, which must have been read whole and valid. */
    private static Map<String, String> headersOf(Object received) {
        SpdyHeadersFrame frame = (SpdyHeadersFrame) received;
        assertThat(frame.isInvalid(), is(false));
        assertThat(frame.isTruncated(), is(false));
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<CharSequence, CharSequence> header : frame.headers()) {
            headers.put(header.getKey().toString(), header.getValue().toString());
        }
        return headers;
    }
}
