// The contract suite over the in-memory pair, the web host (WebSocket) and the core process entry (IPC channel).
import { coreChildTransport, inMemoryTransport, webHostTransport } from '../../helpers/transports';
import { contractSuite } from './contract-suite';

contractSuite('in-memory', inMemoryTransport);
contractSuite('web host (WebSocket)', webHostTransport);
contractSuite('core process (utility entry over IPC)', coreChildTransport);
