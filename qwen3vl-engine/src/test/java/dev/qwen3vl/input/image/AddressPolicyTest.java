package dev.qwen3vl.input.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** Address literals only: {@link InetAddress#getByName} parses them without any lookup or connection. */
class AddressPolicyTest {

    private static String refusal(String literal) throws UnknownHostException {
        return AddressPolicy.refusal(InetAddress.getByName(literal));
    }

    @Test
    void should_refuse_non_public_ipv4_addresses() throws UnknownHostException {
        for (String a : new String[] {"127.0.0.1", "127.9.9.9", "0.0.0.0", "0.1.2.3", "10.1.2.3", "172.16.0.1",
                "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.255", "224.0.0.1",
                "239.255.255.250", "240.0.0.1", "255.255.255.255"}) {
            assertThat(refusal(a)).as(a).isNotNull();
        }
    }

    @Test
    void should_refuse_non_public_ipv6_addresses_and_ipv6_forms_of_private_ipv4() throws UnknownHostException {
        for (String a : new String[] {"::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1",
                "::ffff:10.0.0.1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::10.0.0.1", "64:ff9b::a00:1",
                "2002:a00:1::1", "2002:7f00:1::"}) {
            assertThat(refusal(a)).as(a).isNotNull();
        }
    }

    @Test
    void should_allow_public_addresses() throws UnknownHostException {
        for (String a : new String[] {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "192.169.0.1",
                "2606:4700::1111", "64:ff9b::808:808", "2002:808:808::1", "::ffff:8.8.8.8"}) {
            assertThat(refusal(a)).as(a).isNull();
        }
    }
}
