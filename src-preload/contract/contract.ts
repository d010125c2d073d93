/**
 * THE contract: every call the renderer can make and every event main pushes.
 * Preload, main's router, the renderer and the browser host are all typed from this file.
 *
 * To add a feature call: declare its argument schema and result type in `schemas/<feature>.ts`,
 * add one line to `calls` (name is always `namespace.method`), then implement the handler in
 * main — the router type fails to compile until every declared call has a handler.
 */
import { call, event, returns } from './define.ts';
import { NoArgs } from './schemas/common.ts';
import {
  DamagedFileIdArgs,
  PingArgs,
  type AppInfo,
  type DamagedFileNotice,
  type Pong,
} from './schemas/app.ts';
import { SettingsPatch, type PublicSettings } from './schemas/settings.ts';
import type { ConnectionStatus } from './schemas/connection.ts';
import {
  AudioIdArgs,
  GenerateTokenArgs,
  TokenArgs,
  UploadBeginArgs,
  UploadChunkArgs,
  UploadIdArgs,
  UploadStartArgs,
  UsageLogArgs,
  type AudioItem,
  type FileCheck,
  type AnnouncementLibrarySnapshot,
  type MusiqueAccount,
  type MusiqueServiceStatus,
  type QuotaSnapshot,
  type UploadProgress,
  type UploadTicket,
  type UsageLogPage,
} from './schemas/musique.ts';
import { DemoAdvanceClockArgs, DemoStopArgs, type DemoStatus } from './schemas/demo.ts';
import {
  BroadcastArgs,
  BroadcastControlArgs,
  BroadcastRowsArgs,
  type BroadcastJob,
  type BroadcastPlan,
  type RowsPage,
} from './schemas/broadcast.ts';
import {
  HistoryArgs,
  HistoryExportArgs,
  StoreHistoryArgs,
  type HistoryExport,
  type HistoryPage,
  type StoreHistoryPage,
} from './schemas/broadcast-history.ts';
import {
  QueyeAccessLogArgs,
  QueyeCredentialsArgs,
  QueyeDecideClientArgs,
  type QueyeAccessLogPage,
  type QueyeClientInfo,
  type QueyeKeyInfo,
  type QueyeRotatedKey,
  type QueyeStatus,
  type QueyeTestResult,
} from './schemas/queye.ts';
import {
  LibrarySyncArgs,
  type TrackLibrarySnapshot,
  type LibraryStatus,
  type SyncProgress,
} from './schemas/library.ts';
import { VaultWeakStorageArgs, type VaultStatus } from './schemas/vault.ts';
import {
  SavedPositionArgs,
  SavedQueueArgs,
  TrackIdArgs,
  type QueueSaved,
  type SavedQueue,
  type TrackCheck,
} from './schemas/player.ts';

import {
  ImportBeginArgs,
  ImportChunkArgs,
  ImportConfirmArgs,
  ImportIdArgs,
  ImportPreviewArgs,
  StoreAddArgs,
  StoreBulkEditArgs,
  StoreEditArgs,
  StoreExportArgs,
  StoreGroupIdArgs,
  StoreGroupSaveArgs,
  StoreIdsArgs,
  type DirectoryChanged,
  type DirectorySnapshot,
  type DirectorySummary,
  type ImportPreview,
  type ImportProgress,
  type ImportResult,
  type ImportTicket,
  type StoreExport,
  type StoreGroupView,
  type StoreRecord,
} from './schemas/stores.ts';

export const calls = {
  'app.info': call(NoArgs, returns<AppInfo>()),
  'app.ping': call(PingArgs, returns<Pong>()),
  'app.damagedFiles': call(NoArgs, returns<DamagedFileNotice[]>()),
  'app.dismissDamagedFile': call(DamagedFileIdArgs, returns<DamagedFileNotice[]>()),

  'settings.get': call(NoArgs, returns<PublicSettings>()),
  'settings.set': call(SettingsPatch, returns<PublicSettings>()),

  'connection.status': call(NoArgs, returns<ConnectionStatus>()),
  'connection.check': call(NoArgs, returns<ConnectionStatus>()),

  // Demo mode: the built-in sandbox in place of both accounts.
  'demo.status': call(NoArgs, returns<DemoStatus>()),
  'demo.start': call(NoArgs, returns<DemoStatus>()),
  'demo.stop': call(DemoStopArgs, returns<DemoStatus>()),
  'demo.advanceClock': call(DemoAdvanceClockArgs, returns<DemoStatus>()),

  // Queye Music: sign-in, account and security, library sync and browsing.
  // The vault's state and the weak-storage choice are shared with Musique.
  'vault.status': call(NoArgs, returns<VaultStatus>()),
  'vault.setWeakStorage': call(VaultWeakStorageArgs, returns<VaultStatus>()),
  'queye.status': call(NoArgs, returns<QueyeStatus>()),
  'queye.test': call(QueyeCredentialsArgs, returns<QueyeTestResult>()),
  'queye.connect': call(QueyeCredentialsArgs, returns<QueyeStatus>()),
  'queye.reconnect': call(NoArgs, returns<QueyeStatus>()),
  'queye.retryApproval': call(NoArgs, returns<QueyeStatus>()),
  'queye.cancelApproval': call(NoArgs, returns<QueyeStatus>()),
  'queye.signOut': call(NoArgs, returns<QueyeStatus>()),
  'queye.keyInfo': call(NoArgs, returns<QueyeKeyInfo>()),
  'queye.rotateKey': call(NoArgs, returns<QueyeRotatedKey>()),
  'queye.lockKey': call(NoArgs, returns<QueyeKeyInfo>()),
  'queye.clients': call(NoArgs, returns<QueyeClientInfo[]>()),
  'queye.decideClient': call(QueyeDecideClientArgs, returns<QueyeClientInfo>()),
  'queye.accessLog': call(QueyeAccessLogArgs, returns<QueyeAccessLogPage>()),
  'library.status': call(NoArgs, returns<LibraryStatus>()),
  'library.snapshot': call(NoArgs, returns<TrackLibrarySnapshot | null>()),
  'library.sync': call(LibrarySyncArgs, returns<LibraryStatus>()),
  'library.cancelSync': call(NoArgs, returns<LibraryStatus>()),

  // Playback: stream state and the persisted queue.
  'stream.check': call(TrackIdArgs, returns<TrackCheck>()),
  'player.loadQueue': call(NoArgs, returns<SavedQueue | null>()),
  'player.saveQueue': call(SavedQueueArgs, returns<QueueSaved>()),
  'player.savePosition': call(SavedPositionArgs, returns<QueueSaved>()),

  // Musique: token, service status, audio library, uploads, quota, usage log.
  'musique.account': call(NoArgs, returns<MusiqueAccount>()),
  'musique.connect': call(TokenArgs, returns<MusiqueAccount>()),
  'musique.generateToken': call(GenerateTokenArgs, returns<MusiqueAccount>()),
  'musique.testToken': call(NoArgs, returns<MusiqueAccount>()),
  'musique.revokeToken': call(NoArgs, returns<MusiqueAccount>()),
  'musique.forget': call(NoArgs, returns<MusiqueAccount>()),
  'musique.serviceStatus': call(NoArgs, returns<MusiqueServiceStatus>()),
  'musique.quota': call(NoArgs, returns<QuotaSnapshot>()),
  'musique.library': call(NoArgs, returns<AnnouncementLibrarySnapshot>()),
  'musique.refreshLibrary': call(NoArgs, returns<AnnouncementLibrarySnapshot>()),
  'musique.getAudio': call(AudioIdArgs, returns<AudioItem>()),
  'musique.deleteAudio': call(AudioIdArgs, returns<AnnouncementLibrarySnapshot>()),
  'musique.uploadBegin': call(UploadBeginArgs, returns<UploadTicket>()),
  'musique.uploadChunk': call(UploadChunkArgs, returns<{ received: number }>()),
  'musique.uploadCheck': call(UploadIdArgs, returns<FileCheck>()),
  'musique.uploadStart': call(UploadStartArgs, returns<UploadProgress>()),
  'musique.uploadCancel': call(UploadIdArgs, returns<UploadProgress | null>()),
  'musique.usageLog': call(UsageLogArgs, returns<UsageLogPage>()),

  // Broadcasts: the outbox (quota shows through `musique.quota` / `musique.quotaChanged`).
  'broadcast.plan': call(BroadcastArgs, returns<BroadcastPlan>()),
  'broadcast.start': call(BroadcastArgs, returns<BroadcastJob>()),
  'broadcast.control': call(BroadcastControlArgs, returns<BroadcastJob>()),
  'broadcast.jobs': call(NoArgs, returns<BroadcastJob[]>()),
  'broadcast.rows': call(BroadcastRowsArgs, returns<RowsPage>()),
  'broadcast.history': call(HistoryArgs, returns<HistoryPage>()),
  'broadcast.storeHistory': call(StoreHistoryArgs, returns<StoreHistoryPage>()),
  'broadcast.exportHistory': call(HistoryExportArgs, returns<HistoryExport>()),

  // Store directory: the stores a broadcast can target, groups, CSV import and export.
  'stores.list': call(NoArgs, returns<DirectorySnapshot>()),
  'stores.summary': call(NoArgs, returns<DirectorySummary>()),
  'stores.add': call(StoreAddArgs, returns<StoreRecord>()),
  'stores.edit': call(StoreEditArgs, returns<StoreRecord>()),
  'stores.remove': call(StoreIdsArgs, returns<{ removed: number }>()),
  'stores.bulkEdit': call(StoreBulkEditArgs, returns<{ updated: number }>()),
  'stores.saveGroup': call(StoreGroupSaveArgs, returns<StoreGroupView>()),
  'stores.removeGroup': call(StoreGroupIdArgs, returns<{ removed: true }>()),
  'stores.importBegin': call(ImportBeginArgs, returns<ImportTicket>()),
  'stores.importChunk': call(ImportChunkArgs, returns<{ received: number }>()),
  'stores.importPreview': call(ImportPreviewArgs, returns<ImportPreview>()),
  'stores.importConfirm': call(ImportConfirmArgs, returns<ImportResult>()),
  'stores.importCancel': call(ImportIdArgs, returns<{ cancelled: true }>()),
  'stores.export': call(StoreExportArgs, returns<StoreExport>()),
} as const;

export const events = {
  'app.damagedFilesChanged': event<DamagedFileNotice[]>(),
  'settings.changed': event<PublicSettings>(),
  'connection.changed': event<ConnectionStatus>(),

  // Demo mode.
  'demo.changed': event<DemoStatus>(),

  // Queye Music.
  'vault.changed': event<VaultStatus>(),
  'queye.changed': event<QueyeStatus>(),
  'library.changed': event<LibraryStatus>(),
  'library.progress': event<SyncProgress>(),

  // Playback.

  // Musique.
  'musique.accountChanged': event<MusiqueAccount>(),
  'musique.quotaChanged': event<QuotaSnapshot>(),
  'musique.libraryChanged': event<AnnouncementLibrarySnapshot>(),
  'musique.uploadProgress': event<UploadProgress>(),

  // Broadcasts: one job's progress, at most a few times a second (never one per store).
  'broadcast.jobChanged': event<BroadcastJob>(),

  // Store directory.
  'stores.changed': event<DirectoryChanged>(),
  'stores.importProgress': event<ImportProgress>(),
} as const;

/** Kinds of media main can serve to the renderer's audio element. */
export const mediaKinds = ['track', 'audio'] as const;
