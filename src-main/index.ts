// Electron entry point: everything Electron-specific lives in ./app, the rest in ./services.
import { startApp } from './app/main.ts';

startApp();
