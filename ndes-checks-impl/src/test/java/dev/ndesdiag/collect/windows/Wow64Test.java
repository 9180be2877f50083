package dev.ndesdiag.collect.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A 32-bit Java on 64-bit Windows would collect the WOW64 views: refused. */
class Wow64Test {

    @Test
    void a32BitJavaUnderWow64IsRefused() {
        assertThat(Wow64.problem("x86", Map.of("PROCESSOR_ARCHITEW6432", "AMD64")::get))
                .hasValueSatisfying(p -> assertThat(p).contains("32-bit").contains("WOW6432Node"));
    }

    @Test
    void a64BitJavaIsFine() {
        assertThat(Wow64.problem("amd64", Map.<String, String>of()::get)).isEmpty();
        assertThat(Wow64.problem("aarch64", Map.<String, String>of()::get)).isEmpty();
    }

    @Test
    void a32BitJavaOn32BitWindowsSeesTheRealViews() {
        assertThat(Wow64.problem("x86", Map.<String, String>of()::get)).isEmpty();
    }
}
