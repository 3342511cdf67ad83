import { clock } from "./collab-clients";
import { ClientGroup, type WorkerMessage, type WorkerRequest } from "./collab-group";

// A worker process of the collaboration benchmark (forked by forkGroup in collab-group.ts):
// it connects the clients the bench hands it, with their tokens, makes the edits the bench
// asks for and reports sends, arrivals and acknowledgements, all timed on clock().

const [origin, documentName] = process.argv.slice(2);
if (!origin || !documentName || !process.send) {
  console.error("bench/collab-worker.ts is started by bench/collab.ts (--client-processes)");
  process.exit(2);
}
const send = (message: WorkerMessage) => process.send!(message);
const group = new ClientGroup(origin, documentName, (report) => send({ type: "report", ...report }));

process.on("message", async (message: WorkerRequest) => {
  if (message.type === "edit") {
    try {
      group.edit(message.request);
    } catch (error) {
      console.error(`client worker ${process.pid}: edit ${message.request.id} failed:`, error);
    }
    return;
  }
  try {
    let result: unknown;
    if (message.type === "connect") await group.connect(message.clients ?? []);
    else if (message.type === "start") group.start();
    else if (message.type === "stop") result = group.stop();
    else result = clock();
    send({ type: "reply", seq: message.seq, result });
  } catch (error) {
    send({ type: "reply", seq: message.seq, error: error instanceof Error ? error.message : String(error) });
  }
});

// The bench closes the channel when the run is over, or it went away: either way, stop here.
process.on("disconnect", () => process.exit(0));
