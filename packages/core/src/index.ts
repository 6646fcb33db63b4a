/** @teken/core: pure domain rules of Teken. */
export { fail, issue, ok } from "./result";
export type { Issue, Result } from "./result";
export { CoreError, unwrap } from "./errors";
export {
  coreIssueCodes,
  emailCodes,
  nikCodes,
  registrationCodes,
  nipCodes,
  passphraseCodes,
  passwordCodes,
  transitionCodes,
  uploadCodes,
} from "./codes";
export type {
  CoreIssueCode,
  EmailCode,
  NikCode,
  NipCode,
  PassphraseCode,
  PasswordCode,
  RegistrationCode,
  TransitionCode,
  UploadCode,
} from "./codes";
export { coreMessages, formatIssue, formatIssues, formatMessage, label } from "./messages";
export { labelsEn, labelsId } from "./state/labels";
export type { LabelKey } from "./state/labels";
export type { Lang, MessageCatalogue } from "./messages";
export { provinceName, provinces } from "./provinces";
export { compactDigits, parseNik } from "./nik";
export type { Nik, NikOptions, Sex } from "./nik";
export { parseNip } from "./nip";
export type { Nip, NipOptions } from "./nip";
export { crossCheckNipNik } from "./nip-nik";
export type { NipNik } from "./nip-nik";
export { checkEmail, defaultEmailDomains } from "./email";
export type { Email, EmailPolicy } from "./email";
export { domainSkeleton, editDistance, isLookalikeDomain } from "./email-lookalike";
export { hasPdfEof, pdfEofWindow, pdfHeaderWindow, sniffFileType } from "./sniff";
export type { FileType } from "./sniff";
export { jpegSize, pngSize } from "./image-size";
export type { ImageSize } from "./image-size";
export { checkUpload, uploadPolicies } from "./uploads";
export type { CheckedUpload, UploadInput, UploadKind, UploadPolicy } from "./uploads";
export { commonPasswordWords } from "./common-passwords";
export {
  derivedFrom,
  isCommonSecret,
  isRepetitive,
  isSequential,
  normalizeSecret,
  secretCore,
  secretLength,
} from "./secret-checks";
export type { IdentifierField, SecretContext } from "./secret-checks";
export { checkPassword } from "./password";
export type { CheckedSecret, PasswordPolicy } from "./password";
export { characterClasses, checkPassphrase } from "./passphrase";
export type { PassphraseContext, PassphrasePolicy } from "./passphrase";
export { checkRegistration } from "./registration";
export type {
  CheckedRegistration,
  RegistrationInput,
  RegistrationOptions,
  RegistrationUploadKind,
} from "./registration";
export { roles } from "./state/roles";
export type { Role } from "./state/roles";
export { allowedEvents, eventsBetween, isState, transition } from "./state/machine";
export type {
  MachineName,
  StateMachine,
  TransitionActor,
  TransitionOutcome,
  TransitionRule,
} from "./state/machine";
export {
  accountAwaitingVerification,
  accountEvents,
  accountMachine,
  accountStates,
  accountTransition,
} from "./state/account";
export type { AccountEvent, AccountState } from "./state/account";
export {
  canSign,
  certificateEvents,
  certificateMachine,
  certificateStates,
  certificateTransition,
} from "./state/certificate";
export type { CertificateEvent, CertificateState } from "./state/certificate";
export {
  createDocumentWorkflow,
  currentStep,
  documentEvents,
  documentMachine,
  documentStates,
  documentTransition,
  validateSteps,
} from "./state/document";
export type {
  DocumentActor,
  DocumentEvent,
  DocumentState,
  DocumentWorkflow,
  StepKind,
  WorkflowStep,
} from "./state/document";
