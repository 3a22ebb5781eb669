package io.gridhub.operations;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import org.quartz.spi.InstanceIdGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz instance ids for the clustered scheduler (configured as
 * {@code org.quartz.scheduler.instanceIdGenerator.class}): the host name and a time stamp, as
 * Quartz's own AUTO does, but on a host whose own name does not resolve (a container, a
 * misconfigured /etc/hosts), where AUTO made Quartz and with it the hub refuse to start, a
 * generated id instead. Ids only need to be unique among the instances checking in.
 */
public class QuartzInstanceIds implements InstanceIdGenerator {

    private static final Logger log = LoggerFactory.getLogger(QuartzInstanceIds.class);

    @Override
    public String generateInstanceId() {
        return generate(() -> InetAddress.getLocalHost().getHostName());
    }

    interface HostName {
        String get() throws UnknownHostException;
    }

    static String generate(HostName host) {
        try {
            return host.get() + System.currentTimeMillis();
        } catch (UnknownHostException | RuntimeException e) {
            String id = "gridhub-" + UUID.randomUUID();
            log.warn("this host's name does not resolve ({}); Quartz instance id {}", e.getMessage(), id);
            return id;
        }
    }
}
