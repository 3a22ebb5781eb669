package io.gridhub.feeds.sync;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StoreHashesTest {

    @Test
    void onlyAnInServiceAssetWithTheSameContentIsUnchanged() {
        StoreHashes h = new StoreHashes(4);
        h.put(11, 100, false, true);
        h.put(12, 200, false, false); // retired
        h.put(13, 300, true, true);   // stored without a content hash
        assertThat(h.seenUnchanged(11, 100)).isTrue();
        assertThat(h.seenUnchanged(12, 200)).as("retired: back to service by the merge").isFalse();
        assertThat(h.seenUnchanged(13, 300)).isFalse();
        assertThat(h.seenUnchanged(14, 400)).as("new").isFalse();
        assertThat(h.mayHaveUnseen()).isFalse();
    }

    @Test
    void inServiceAssetsTheRunDidNotCarryAreOfferedForRetirement() {
        StoreHashes h = new StoreHashes(4);
        h.put(21, 1, false, true);
        h.put(22, 2, false, true);
        h.seenUnchanged(21, 99); // seen, changed
        assertThat(h.mayHaveUnseen()).isTrue();
        assertThat(h.unseen(21)).isFalse();
        assertThat(h.unseen(22)).isTrue();
    }

    @Test
    void twoStoredIdsSharingAHashAreNeverUnchangedAndAlwaysOfferedForRetirement() {
        StoreHashes h = new StoreHashes(4);
        h.put(31, 1, false, true);
        h.put(31, 1, false, true); // another id, same 64-bit hash
        assertThat(h.seenUnchanged(31, 1)).isFalse();
        assertThat(h.mayHaveUnseen()).isTrue();
        assertThat(h.unseen(31)).isTrue();
    }

    @Test
    void aHashOfZeroIsAKeyLikeAnyOther() {
        StoreHashes h = new StoreHashes(2);
        for (long id = 0; id < 1000; id++) { // grows several times
            h.put(id, id * 7, false, true);
        }
        assertThat(h.size()).isEqualTo(999); // 0 and 1 share a key, and are ambiguous
        assertThat(h.seenUnchanged(0, 0)).isFalse();
        assertThat(h.seenUnchanged(500, 3500)).isTrue();
    }
}
