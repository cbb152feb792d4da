"""Python-written fixtures for engine/registry/protobuf-codec.spec.ts: Protobuf records whose file has
map fields, framed as confluent-kafka's ProtobufSerializer frames them (its own message-index walk and
varint writer). The file is built as protoc builds it from the .proto text in the spec: each map field's
entry message (NotesEntry, AttrsEntry, LabelsEntry) is a nested type at the place the field is declared.

usage: .cache/python-<hash>/bin/python test/kafka/protobuf_map_fixture.py   (prints the file as a
base64 FileDescriptorProto, then each record: its message, its message indexes, its framed bytes in hex)
"""

import base64
import io
import struct

from confluent_kafka.schema_registry.common.protobuf import _create_index_array
from confluent_kafka.schema_registry.protobuf import ProtobufSerializer
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

F = descriptor_pb2.FieldDescriptorProto
SCHEMA_ID = 7


def field(message, name, number, kind, label=F.LABEL_OPTIONAL, type_name=None):
    f = message.field.add(name=name, number=number, type=kind, label=label)
    if type_name:
        f.type_name = type_name
        f.json_name = name
    return f


def map_entry(message, entry, value_type, value_type_name=None):
    e = message.nested_type.add(name=entry)
    e.options.map_entry = True
    field(e, "key", 1, F.TYPE_STRING)
    field(e, "value", 2, value_type, type_name=value_type_name)
    return e


def build():
    file = descriptor_pb2.FileDescriptorProto(name="shop/maps.proto", package="shop", syntax="proto3")
    order = file.message_type.add(name="Order")
    field(order, "id", 1, F.TYPE_STRING)
    note = order.nested_type.add(name="Note")
    field(note, "text", 1, F.TYPE_STRING)
    map_entry(order, "NotesEntry", F.TYPE_MESSAGE, ".shop.Order.Note")
    field(order, "notes", 2, F.TYPE_MESSAGE, F.LABEL_REPEATED, ".shop.Order.NotesEntry")
    line = order.nested_type.add(name="Line")
    field(line, "sku", 1, F.TYPE_STRING)
    map_entry(line, "AttrsEntry", F.TYPE_INT32)
    field(line, "attrs", 2, F.TYPE_MESSAGE, F.LABEL_REPEATED, ".shop.Order.Line.AttrsEntry")
    field(line, "qty", 3, F.TYPE_UINT32)
    map_entry(order, "LabelsEntry", F.TYPE_STRING)
    field(order, "labels", 3, F.TYPE_MESSAGE, F.LABEL_REPEATED, ".shop.Order.LabelsEntry")
    gift = order.nested_type.add(name="Gift")
    field(gift, "to", 1, F.TYPE_STRING)
    refund = file.message_type.add(name="Refund")
    field(refund, "order_id", 1, F.TYPE_STRING)
    pool = descriptor_pool.DescriptorPool()
    pool.Add(file)
    return file, lambda name: message_factory.GetMessageClass(pool.FindMessageTypeByName(name))


def framed(message):
    with io.BytesIO() as out:
        out.write(struct.pack(">bI", 0, SCHEMA_ID))
        ProtobufSerializer._encode_varints(out, _create_index_array(message.DESCRIPTOR))
        out.write(message.SerializeToString())
        return out.getvalue()


def main():
    file, cls = build()
    print("descriptor", base64.standard_b64encode(file.SerializeToString()).decode("ascii"))
    line = cls("shop.Order.Line")(sku="sku-1", qty=3)
    line.attrs["size"] = 42
    gift = cls("shop.Order.Gift")(to="Ada")
    order = cls("shop.Order")(id="o-1")
    order.notes["n1"].text = "fragile"
    order.labels["channel"] = "web"
    refund = cls("shop.Refund")(order_id="o-1")
    for name, message in [("Order.Line", line), ("Order.Gift", gift), ("Order", order), ("Refund", refund)]:
        print(name, _create_index_array(message.DESCRIPTOR), framed(message).hex())


if __name__ == "__main__":
    main()
