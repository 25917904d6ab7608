package io.spdypush.rar.pool;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

class SizeClassesTest {

    @Test
    void everySizeGetsTheSmallestClassThatHoldsIt() {
        for (int bytes = 1; bytes <= SizeClasses.LARGEST; bytes++) {
            int index = SizeClasses.indexOf(bytes);
            assertThat("class of " + bytes, SizeClasses.sizeOf(index) >= bytes, is(true));
            if (index > 0) {
                assertThat("class below that of " + bytes, SizeClasses.sizeOf(index - 1) < bytes, is(true));
            }
        }
    }

    @Test
    void noArrayAboveTheSmallestWastesMoreThanAFifthOfItself() {
        for (int bytes = 65; bytes <= SizeClasses.LARGEST; bytes++) {
            int size = SizeClasses.sizeOf(SizeClasses.indexOf(bytes));
            assertThat("waste for " + bytes, (size - bytes) * 5, lessThanOrEqualTo(size));
        }
    }

    @Test
    void theClassesRunFromSixtyFourBytesToTheLargest() {
        assertThat(SizeClasses.sizeOf(0), is(64));
        assertThat(SizeClasses.sizeOf(1), is(80));
        assertThat(SizeClasses.sizeOf(4), is(128));
        assertThat(SizeClasses.sizeOf(5), is(160));
        assertThat(SizeClasses.sizeOf(SizeClasses.COUNT - 1), is(SizeClasses.LARGEST));
    }
}
