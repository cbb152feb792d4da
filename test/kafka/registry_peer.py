"""Independent Schema Registry peer for the tests: confluent-kafka's own serializers.

usage: registry_peer.py produce|consume BOOTSTRAP REGISTRY_URL TOPIC KIND COUNT

KIND is avro (Order naming the Address type of a referenced schema), avro-flat (the same Order in
one schema, no references, status a string, with a nullable note), protobuf (Order.Line, a message
nested below the file's first message, message indexes [0, 1], with a Money field from an imported
file) or json (an Order schema whose ship_to is a $ref to a referenced schema). `produce` writes
COUNT records with key "k<i>" and prints each record as a JSON line; `consume` reads COUNT records
from the start of TOPIC, decodes them with the registry and prints them the same way. Bytes are
printed as base64, Protobuf with MessageToDict (proto field names, fields at defaults included).
"""

import base64
import faulthandler
import json
import sys

from confluent_kafka import OFFSET_BEGINNING, Consumer, Producer, TopicPartition
from confluent_kafka.schema_registry import Schema, SchemaReference, SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.schema_registry.json_schema import JSONDeserializer, JSONSerializer
from confluent_kafka.schema_registry.protobuf import ProtobufDeserializer, ProtobufSerializer
from confluent_kafka.serialization import MessageField, SerializationContext
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.json_format import MessageToDict

ADDRESS_AVRO = {
    "type": "record",
    "name": "Address",
    "namespace": "shop",
    "fields": [{"name": "city", "type": "string"}, {"name": "zip", "type": ["null", "string"], "default": None}],
}
ORDER_AVRO = {
    "type": "record",
    "name": "Order",
    "namespace": "shop",
    "fields": [
        {"name": "id", "type": "long"},
        {"name": "ship_to", "type": "shop.Address"},
        {"name": "total", "type": "double"},
        {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}},
        {"name": "tag", "type": "bytes"},
        {"name": "items", "type": {"type": "array", "items": "string"}},
    ],
}
# avro-flat: the same Order in one schema without references (Address inline), status a string
# (Flink's avro-confluent cannot write an enum back), and a nullable note.
FLAT_TYPES = {"ship_to": ADDRESS_AVRO, "status": "string"}
ORDER_AVRO_FLAT = {
    **ORDER_AVRO,
    "fields": [{**f, "type": FLAT_TYPES.get(f["name"], f["type"])} for f in ORDER_AVRO["fields"]]
    + [{"name": "note", "type": ["null", "string"], "default": None}],
}
ADDRESS_JSON = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "properties": {"city": {"type": "string"}, "zip": {"type": "string"}},
    "required": ["city"],
}
ORDER_JSON = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "ship_to": {"$ref": "address.json"},
        "total": {"type": "number"},
        "items": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["id", "ship_to"],
}


def proto_classes():
    """shop/common.proto (Money) and shop/order.proto (Order with nested Note and Line; Refund), built as descriptors."""
    F = descriptor_pb2.FieldDescriptorProto
    common = descriptor_pb2.FileDescriptorProto(name="shop/common.proto", package="shop", syntax="proto3")
    money = common.message_type.add(name="Money")
    money.field.add(name="currency", number=1, type=F.TYPE_STRING, label=F.LABEL_OPTIONAL)
    money.field.add(name="cents", number=2, type=F.TYPE_INT64, label=F.LABEL_OPTIONAL)

    order_file = descriptor_pb2.FileDescriptorProto(
        name="shop/order.proto", package="shop", syntax="proto3", dependency=["shop/common.proto"]
    )
    order = order_file.message_type.add(name="Order")
    order.field.add(name="id", number=1, type=F.TYPE_STRING, label=F.LABEL_OPTIONAL)
    note = order.nested_type.add(name="Note")
    note.field.add(name="text", number=1, type=F.TYPE_STRING, label=F.LABEL_OPTIONAL)
    line = order.nested_type.add(name="Line")
    line.field.add(name="sku", number=1, type=F.TYPE_STRING, label=F.LABEL_OPTIONAL)
    line.field.add(name="qty", number=2, type=F.TYPE_UINT32, label=F.LABEL_OPTIONAL)
    line.field.add(name="price", number=3, type=F.TYPE_MESSAGE, type_name=".shop.Money", label=F.LABEL_OPTIONAL)
    line.field.add(name="kind", number=4, type=F.TYPE_ENUM, type_name=".shop.Kind", label=F.LABEL_OPTIONAL)
    line.field.add(name="tags", number=5, type=F.TYPE_STRING, label=F.LABEL_REPEATED)
    line.field.add(name="raw", number=6, type=F.TYPE_BYTES, label=F.LABEL_OPTIONAL)
    kind = order_file.enum_type.add(name="Kind")
    kind.value.add(name="GOODS", number=0)
    kind.value.add(name="SERVICE", number=1)
    refund = order_file.message_type.add(name="Refund")
    refund.field.add(name="order_id", number=1, type=F.TYPE_STRING, label=F.LABEL_OPTIONAL)

    pool = descriptor_pool.DescriptorPool()
    pool.Add(common)
    pool.Add(order_file)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName("shop.Order.Line"))


def b64(data):
    return base64.standard_b64encode(data).decode("ascii")


def record(kind, i, line_class):
    if kind == "avro-flat":
        return {**record("avro", i, line_class), "note": None if i % 3 else f"note-{i}"}
    if kind == "avro":
        return {
            "id": 1000 + i,
            "ship_to": {"city": f"city-{i}", "zip": None if i % 2 else f"{i:05d}"},
            "total": i * 1.25,
            "status": "PAID" if i % 2 else "NEW",
            "tag": bytes([i, 255 - i]),
            "items": [f"sku-{j}" for j in range(i % 3)],
        }
    if kind == "json":
        return {"id": i, "ship_to": {"city": f"city-{i}"}, "total": i * 0.5, "items": ["a"] * (i % 2)}
    line = line_class(sku=f"sku-{i}", qty=i, kind=i % 2, raw=bytes([i]))
    line.price.currency = "EUR"
    line.price.cents = 10_000_000_000 + i
    line.tags.extend([f"t{i}"] * (i % 2))
    return line


def as_json(kind, value):
    if kind == "protobuf":
        return MessageToDict(value, preserving_proto_field_name=True, always_print_fields_with_no_presence=True)
    if kind in ("avro", "avro-flat"):
        return {**value, "tag": b64(value["tag"])}
    return value


def serializers(kind, registry, topic, line_class):
    if kind == "avro-flat":
        return AvroSerializer(registry, json.dumps(ORDER_AVRO_FLAT)), AvroDeserializer(registry)
    if kind == "avro":
        subject = f"{topic}-address"
        registry.register_schema(subject, Schema(json.dumps(ADDRESS_AVRO), "AVRO"))
        schema = Schema(json.dumps(ORDER_AVRO), "AVRO", [SchemaReference("shop.Address", subject, 1)])
        return AvroSerializer(registry, schema), AvroDeserializer(registry)
    if kind == "json":
        subject = f"{topic}-address-json"
        registry.register_schema(subject, Schema(json.dumps(ADDRESS_JSON), "JSON"))
        schema = Schema(json.dumps(ORDER_JSON), "JSON", [SchemaReference("address.json", subject, 1)])
        return JSONSerializer(schema, registry), JSONDeserializer(None, schema_registry_client=registry)
    conf = {"use.deprecated.format": False}
    return ProtobufSerializer(line_class, registry, conf), ProtobufDeserializer(line_class, conf)


def main():
    # A run that stalls (seen rarely under load) says where, on stderr, before the caller stops it.
    faulthandler.dump_traceback_later(15, exit=False)
    command, bootstrap, registry_url, topic, kind, count = sys.argv[1:7]
    count = int(count)
    registry = SchemaRegistryClient({"url": registry_url})
    line_class = proto_classes() if kind == "protobuf" else None
    serializer, deserializer = serializers(kind, registry, topic, line_class)
    if command == "produce":
        producer = Producer({"bootstrap.servers": bootstrap})
        for i in range(count):
            value = record(kind, i, line_class)
            data = serializer(value, SerializationContext(topic, MessageField.VALUE))
            producer.produce(topic, key=f"k{i}".encode(), value=data, partition=0)
            print(json.dumps({"key": f"k{i}", "value": as_json(kind, value)}))
        if producer.flush(30) != 0:
            raise SystemExit("records still unsent after 30 s")
        return
    # Partitions assigned, not subscribed: no group to join, so no wait on a coordinator or on a
    # member a stopped run left behind.
    consumer = Consumer(
        {"bootstrap.servers": bootstrap, "group.id": f"registry-peer-{topic}", "enable.auto.commit": False}
    )
    partitions = consumer.list_topics(topic, timeout=10).topics[topic].partitions
    consumer.assign([TopicPartition(topic, p, OFFSET_BEGINNING) for p in sorted(partitions)])
    seen = 0
    while seen < count:
        msg = consumer.poll(30)
        if msg is None:
            raise SystemExit(f"only {seen} of {count} records arrived within 30 s")
        if msg.error():
            raise SystemExit(str(msg.error()))
        value = deserializer(msg.value(), SerializationContext(topic, MessageField.VALUE))
        key = None if msg.key() is None else msg.key().decode()
        print(json.dumps({"key": key, "value": as_json(kind, value)}))
        seen += 1
    consumer.close()


if __name__ == "__main__":
    main()
