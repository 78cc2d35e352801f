import type { Logger } from '../logger.ts';
import type { SummitService } from '../summits/service.ts';
import type { MotionLifecycle, VoteDeps } from './lifecycle.ts';
import { VerifiableCast } from './verifiable-cast.ts';
import { VerifiableReader } from './verifiable-common.ts';
import { VerifiableTally } from './verifiable-tally.ts';
import { VerifiableTrustees } from './verifiable-trustees.ts';

export { CAST_ENCRYPTED_LUA } from './verifiable-cast.ts';
export { VERIFIABLE_OPTIONS, verifiableKeys } from './verifiable-common.ts';

/**
 * Verifiable secret ballots (VOTE-8) on the server: naming the trustees,
 * relaying their key generation, checking each encrypted ballot's proofs
 * before it lands, sealing the per-option products and counting once a
 * threshold of checked partial decryptions is in. The server never holds a
 * key share, a plaintext choice, or anything that links a delegation to a
 * ciphertext beyond the moment of casting. This object is what the vote
 * service, HTTP and Socket.IO call; the trustees' steps, the encrypted cast
 * and the tally each live in their own module.
 */
export class VerifiableBallots {
  private readonly reader: VerifiableReader;
  private readonly trustees: VerifiableTrustees;
  private readonly casting: VerifiableCast;
  private readonly tally: VerifiableTally;

  constructor(
    deps: VoteDeps & { logger: Logger },
    summits: SummitService,
    motions: MotionLifecycle,
  ) {
    this.reader = new VerifiableReader(deps, summits, motions);
    this.tally = new VerifiableTally(deps, summits, motions);
    this.trustees = new VerifiableTrustees(deps, summits, motions, this.tally);
    this.casting = new VerifiableCast(deps, summits, motions);
  }

  setupOf: VerifiableReader['setupOf'] = (motionId) => this.reader.setupOf(motionId);
  handles: VerifiableReader['handles'] = (motionId) => this.reader.handles(motionId);
  assertReady: VerifiableReader['assertReady'] = (motionId) => this.reader.assertReady(motionId);

  designate: VerifiableTrustees['designate'] = (actor, motionId, input) =>
    this.trustees.designate(actor, motionId, input);
  view: VerifiableTrustees['view'] = (actor, motionId) => this.trustees.view(actor, motionId);
  register: VerifiableTrustees['register'] = (actor, motionId, transportKey) =>
    this.trustees.register(actor, motionId, transportKey);
  deal: VerifiableTrustees['deal'] = (actor, motionId, dealing) =>
    this.trustees.deal(actor, motionId, dealing);
  acknowledge: VerifiableTrustees['acknowledge'] = (actor, motionId) =>
    this.trustees.acknowledge(actor, motionId);
  decrypt: VerifiableTrustees['decrypt'] = (actor, motionId, partial) =>
    this.trustees.decrypt(actor, motionId, partial);

  cast: VerifiableCast['cast'] = (actor, motionId, ballot) =>
    this.casting.cast(actor, motionId, ballot);

  sealAndCount: VerifiableTally['sealAndCount'] = (motionId) => this.tally.sealAndCount(motionId);
  board: VerifiableTally['board'] = (actor, motionId) => this.tally.board(actor, motionId);
  ballotByReceipt: VerifiableTally['ballotByReceipt'] = (actor, motionId, receipt) =>
    this.tally.ballotByReceipt(actor, motionId, receipt);
}
