/** An Ecwid error answer: HTTP status plus `{"errorMessage": "...", "errorCode": "..."}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  get body(): { errorMessage: string; errorCode: string } {
    return { errorMessage: this.message, errorCode: this.errorCode };
  }
}

export const wrongParameter = (message: string): ApiError => new ApiError(400, 'WRONG_PARAMETER', message);
