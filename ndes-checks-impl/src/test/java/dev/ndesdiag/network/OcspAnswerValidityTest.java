package dev.ndesdiag.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.fixtures.TestPki;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * An OCSP answer holds until its nextUpdate: RFC 6960 (section 4.2.2.1) calls a response unreliable
 * when its nextUpdate is earlier than the local time, so one read at exactly nextUpdate still counts,
 * as a CRL read at exactly its NextUpdate does for CertVerifyCRLTimeValidity.
 */
class OcspAnswerValidityTest {

    private static final Instant PRODUCED = Instant.parse("2026-11-20T08:00:00Z");
    private static final TestPki.Issued CA = TestPki.root("CN=Contoso Root CA", PRODUCED.minus(Duration.ofDays(400)),
            PRODUCED.plus(Duration.ofDays(3000)));
    private static final TestPki.Issued RA = TestPki.leaf("CN=NDES01-MSCEP-RA", CA, PRODUCED.minus(Duration.ofDays(10)),
            PRODUCED.plus(Duration.ofDays(700)));
    /** Valid from an hour before PRODUCED to a week after it (TestPki.ocspAnswer). */
    private static final byte[] GOOD = TestPki.ocspAnswer(RA.certificate(), CA, PRODUCED, true);

    @Test
    void aGoodAnswerReadAtExactlyItsNextUpdateStillSaysGood() {
        assertThat(OcspRequests.status(GOOD, RA.certificate(), CA.certificate(), PRODUCED.plus(Duration.ofDays(7))))
                .isEqualTo(OcspRequests.Status.GOOD);
    }

    @Test
    void aGoodAnswerReadOneSecondAfterItsNextUpdateIsNoLongerUsable() {
        assertThat(OcspRequests.status(GOOD, RA.certificate(), CA.certificate(), PRODUCED.plus(Duration.ofDays(7)).plusSeconds(1)))
                .isEqualTo(OcspRequests.Status.UNUSABLE);
    }
}
