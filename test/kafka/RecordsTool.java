import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka's own Java client as an independent writer and reader for the tests, with every byte in hex
 * so nothing is lost on the way through a pipe. One record a line, tab-separated:
 *   partition  offset  timestamp  key  value  headers
 * where key and value are hex or "-" (null), and headers are "name:hex" joined by ","
 * ("name:-" for a header without a value; names are hex too, so any name survives).
 *
 *   produce BOOTSTRAP TOPIC COMPRESSION   reads lines from stdin (offset ignored) and sends them in
 *                                         batches with compression.type=COMPRESSION, acks=all
 *   consume BOOTSTRAP TOPIC COUNT ISOLATION  reads COUNT records from the start of every partition
 */
public class RecordsTool {
  private static final HexFormat HEX = HexFormat.of();

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "produce" -> produce(args[1], args[2], args[3]);
      case "consume" -> consume(args[1], args[2], Integer.parseInt(args[3]), args[4]);
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  private static void produce(String bootstrap, String topic, String compression) throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    props.put("compression.type", compression);
    props.put("acks", "all");
    props.put("linger.ms", "50");
    props.put("batch.size", "262144");
    props.put("max.request.size", "1048576");
    props.put("key.serializer", ByteArraySerializer.class.getName());
    props.put("value.serializer", ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isEmpty()) continue;
        String[] f = line.split("\t", -1);
        List<Header> headers = new ArrayList<>();
        if (!f[5].isEmpty()) {
          for (String h : f[5].split(",")) {
            String[] nv = h.split(":", -1);
            headers.add(new RecordHeader(new String(HEX.parseHex(nv[0]), StandardCharsets.UTF_8), bytes(nv[1])));
          }
        }
        sent.add(producer.send(new ProducerRecord<>(topic, Integer.parseInt(f[0]), Long.parseLong(f[2]),
            bytes(f[3]), bytes(f[4]), headers)));
      }
      producer.flush();
      for (var future : sent) future.get();
    }
  }

  private static void consume(String bootstrap, String topic, int count, String isolation) {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    props.put("isolation.level", isolation);
    props.put("enable.auto.commit", "false");
    props.put("max.partition.fetch.bytes", "2097152");
    props.put("key.deserializer", ByteArrayDeserializer.class.getName());
    props.put("value.deserializer", ByteArrayDeserializer.class.getName());
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      int seen = 0;
      long deadline = System.currentTimeMillis() + 60_000;
      while (seen < count && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          StringBuilder headers = new StringBuilder();
          for (Header h : r.headers()) {
            if (headers.length() > 0) headers.append(',');
            headers.append(HEX.formatHex(h.key().getBytes(StandardCharsets.UTF_8))).append(':').append(hex(h.value()));
          }
          out.println(r.partition() + "\t" + r.offset() + "\t" + r.timestamp() + "\t" + hex(r.key()) + "\t"
              + hex(r.value()) + "\t" + headers);
          seen++;
        }
      }
      out.flush();
      if (seen < count) {
        System.err.println("read " + seen + " of " + count + " records from " + topic + " within 60 s");
        System.exit(3);
      }
    }
  }

  private static byte[] bytes(String hex) {
    return hex.equals("-") ? null : HEX.parseHex(hex);
  }

  private static String hex(byte[] bytes) {
    return bytes == null ? "-" : HEX.formatHex(bytes);
  }
}
