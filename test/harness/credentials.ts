import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

import { MonoApi } from '../../credentials/MonoApi.credentials';

/**
 * A credentials helper that serves one Mono API credential and applies its generic
 * `authenticate` the way n8n's own helper does: each `=` value is resolved as an expression
 * with `$credentials` set. n8n's test harness skips generic authentication, so without this the
 * mono-sec-key header could not be asserted.
 */
export class MonoCredentialsHelper extends ICredentialsHelper {
	private readonly credentialType = new MonoApi();

	constructor(private readonly data: ICredentialDataDecryptedObject) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		if (typeName !== this.credentialType.name || !workflow || !node) {
			throw new Error(`The test credentials helper cannot authenticate ${typeName}`);
		}
		const options = requestOptions as IHttpRequestOptions;
		const headers = { ...(options.headers ?? {}) };
		for (const [name, value] of Object.entries(this.credentialType.authenticate.properties.headers ?? {})) {
			headers[name] = workflow.expression.getSimpleParameterValue(
				node,
				value as string,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			) as string;
		}
		return { ...options, headers };
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
	): Promise<undefined> {
		return undefined;
	}

	async getCredentials(_details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		throw new Error(`getCredentials is not used by these tests (asked for ${type})`);
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return { ...this.data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(): INodeProperties[] {
		return this.credentialType.properties;
	}
}
