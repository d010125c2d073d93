import { contextBridge, ipcRenderer } from 'electron';
import { createBridgeApi } from './api/create-api.ts';
import { createIpcTransport } from './api/ipc-transport.ts';

contextBridge.exposeInMainWorld(
  'aislecast',
  createBridgeApi(createIpcTransport(ipcRenderer), (kind, id) => `media://${kind}/${id}`),
);
