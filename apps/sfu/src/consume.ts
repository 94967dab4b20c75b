import type { NewConsumer } from "@switchboard/protocol";
import type { types } from "mediasoup";
import type { Logger } from "./logger";
import type { Peer, ProducerAppData } from "./Peer";

/**
 * Forwards `producer` to `peer`: a paused consumer on the peer's receive transport, the
 * client told (`newConsumer`), resumed once the client has set it up (so the first
 * keyframe is not lost while the client is still negotiating). The consumer belongs to
 * the peer (it closes with the peer's transport) and closes with its producer.
 */
export async function createConsumer(
  router: types.Router,
  peer: Peer,
  producer: types.Producer<ProducerAppData>,
  log: Logger,
): Promise<void> {
  if (peer.isClosed || producer.closed) return;
  if (!router.canConsume({ producerId: producer.id, rtpCapabilities: peer.rtpCapabilities })) {
    log.warn({ peerId: peer.id, producerId: producer.id }, "peer cannot consume producer");
    return;
  }
  const recv = [...peer.transports.values()].find((t) => t.appData.direction === "recv");
  if (!recv) return;
  let consumer: types.Consumer;
  try {
    consumer = await recv.consume({
      producerId: producer.id,
      rtpCapabilities: peer.rtpCapabilities,
      paused: true,
      appData: { peerId: peer.id },
    });
  } catch (error) {
    if (!peer.isClosed && !producer.closed) {
      log.error({ err: error, peerId: peer.id }, "consume failed");
    }
    return;
  }
  if (peer.isClosed) {
    consumer.close();
    return;
  }
  peer.addConsumer(consumer);
  const tellClosed = () => {
    if (!peer.isClosed) {
      peer.channel.notify({ method: "consumerClosed", data: { consumerId: consumer.id } });
    }
  };
  consumer.on("producerclose", () => {
    consumer.close();
    tellClosed();
  });
  consumer.on("layerschange", (layers) => {
    peer.channel.notify({
      method: "consumerLayersChanged",
      data: {
        consumerId: consumer.id,
        spatialLayer: layers?.spatialLayer ?? null,
        temporalLayer: layers?.temporalLayer ?? null,
      },
    });
  });
  const data: NewConsumer = {
    peerId: producer.appData.peerId,
    producerId: producer.id,
    consumerId: consumer.id,
    kind: consumer.kind,
    source: producer.appData.source,
    rtpParameters: consumer.rtpParameters as NewConsumer["rtpParameters"],
    producerPaused: consumer.producerPaused,
  };
  const accepted = await peer.channel.request({ method: "newConsumer", data });
  if (consumer.closed) return;
  if (!accepted) {
    log.warn({ peerId: peer.id, consumerId: consumer.id }, "client refused consumer");
    consumer.close();
    return;
  }
  await consumer.resume().catch(() => undefined);
}
